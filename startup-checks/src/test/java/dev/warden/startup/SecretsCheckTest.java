package dev.warden.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Which settings no service may start with; the problems name the setting, never its
 * value.
 */
class SecretsCheckTest {

	@Test
	void aPlaceholderInAnyWardenSettingIsNamedWithoutItsValue() {
		assertThat(SecretsCheck.problems(Map.of("WARDEN_TWOFACTOR_KEYS", "k1:CHANGE-ME-base64-of-32-random-bytes=",
				"warden.bootstrap.admin.password", "change-me-a-long-passphrase", "SPRING_DATASOURCE_PASSWORD",
				"CHANGE-ME", "warden.kafka.bootstrap", "kafka:9092")))
			.hasSize(2)
			.anySatisfy((problem) -> assertThat(problem).startsWith("WARDEN_TWOFACTOR_KEYS still holds a CHANGE-ME"))
			.anySatisfy((problem) -> assertThat(problem).startsWith("warden.bootstrap.admin.password still holds"))
			.allSatisfy((problem) -> assertThat(problem).doesNotContain("base64-of").doesNotContain("passphrase"));
	}

}
