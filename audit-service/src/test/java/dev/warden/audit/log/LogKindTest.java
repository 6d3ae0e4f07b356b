package dev.warden.audit.log;

import java.util.Arrays;
import java.util.stream.Collectors;

import dev.warden.event.EventTypes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogKindTest {

	@Test
	void everyTypeAboutOneAccountBelongsToExactlyOneKind() {
		EventTypes.ALL.stream()
			.filter((type) -> !type.equals(EventTypes.AUDIT_RETENTION_APPLIED)
					&& !type.equals(EventTypes.PASSWORD_POLICY_CHANGED))
			.forEach(
					(type) -> assertThat(Arrays.stream(LogKind.values()).filter((kind) -> kind.includes(type))).as(type)
						.hasSize(1));
	}

	@Test
	void theSystemsOwnEntriesBelongToNoKind() {
		assertThat(Arrays.stream(LogKind.values())
			.filter((kind) -> kind.includes(EventTypes.AUDIT_RETENTION_APPLIED)
					|| kind.includes(EventTypes.PASSWORD_POLICY_CHANGED)))
			.isEmpty();
	}

	@Test
	void theApiAcceptsExactlyTheKindsThereAre() {
		assertThat(LogKind.PATTERN)
			.isEqualTo(Arrays.stream(LogKind.values()).map(LogKind::value).collect(Collectors.joining("|")));
		assertThat(LogKind.of("sign-in")).contains(LogKind.SIGN_IN);
		assertThat(LogKind.of("logins")).isEmpty();
	}

	@Test
	void aPrefixIsALikePatternAndAnExactTypeIsItself() {
		assertThat(LogKind.SIGN_IN.likePatterns()).containsExactly("warden.login.%", "warden.logout");
	}

}
