package dev.warden.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Which settings no service may start with; the problems name the setting, never its value. */
class SecretsCheckTest {

	private static final String STRONG_KEY = "q7Rk2mPz9XwL4vBn8TcY3hJd6FsG5aNe";

	@Test
	void aPlaceholderInAnyWardenSettingIsNamedWithoutItsValue() {
		assertThat(SecretsCheck.problems(Map.of("WARDEN_TWOFACTOR_KEYS", "k1:CHANGE-ME-base64-of-32-random-bytes=",
				"warden.bootstrap.admin.password", "change-me-a-long-passphrase", "SPRING_DATASOURCE_PASSWORD", "CHANGE-ME",
				"warden.kafka.bootstrap", "kafka:9092")))
			.hasSize(2)
			.anySatisfy((problem) -> assertThat(problem).startsWith("WARDEN_TWOFACTOR_KEYS still holds a CHANGE-ME"))
			.anySatisfy((problem) -> assertThat(problem).startsWith("warden.bootstrap.admin.password still holds"))
			.allSatisfy((problem) -> assertThat(problem).doesNotContain("base64-of").doesNotContain("passphrase"));
	}

	@Test
	void anInternalKeyMustBeLongAndLookRandom() {
		assertThat(SecretsCheck.weakInternalKey(STRONG_KEY)).isNull();
		assertThat(SecretsCheck.weakInternalKey("test-internal-key-0123456789-abcdefghijklmnop")).isNull();
		assertThat(SecretsCheck.weakInternalKey(null)).as("not set: internal calls are refused").isNull();
		assertThat(SecretsCheck.weakInternalKey("q7Rk2mPz9XwL4vBn8TcY3hJd6FsG5aN")).contains("shorter than 32");
		assertThat(SecretsCheck.weakInternalKey("abababababababababababababababababab")).contains("fewer than 16");
		assertThat(SecretsCheck.weakInternalKey("0123456789012345678901234567890123456789")).contains("fewer than 16");
		assertThat(SecretsCheck.weakInternalKey("abcdefghijklmnopqrstuvwxyzabcdefghij")).contains("one kind");
		assertThat(SecretsCheck.weakInternalKey("q7Rk2mPz")).doesNotContain("q7Rk2mPz");
	}
}
