package dev.warden.audit.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import dev.warden.event.EventTypes;
import org.junit.jupiter.api.Test;

/** The one-line summaries of the security log. */
class SummariesTest {

	@Test
	void aSpentBudgetOfOneTimeCodesReadsAsASecondStepFailedAfterACorrectPassword() {
		Map<String, Object> data = Map.of("ip", "203.0.113.7", "failures", 5, "refusedUntil", "2026-11-26T10:30:00Z");

		assertThat(Summaries.of(EventTypes.SECOND_FACTOR_FAILED, data))
			.isEqualTo("Second step failed too often after a correct password from 203.0.113.7");
		assertThat(Attribution.of(EventTypes.SECOND_FACTOR_FAILED, "u1", data).outcome())
			.isEqualTo(Attribution.FAILURE);
	}

}
