package dev.warden.gateway.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import dev.warden.gateway.GatewayApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The gateway does not start with a placeholder from .env.example or a weak internal key; the message names the setting. */
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

	@Test
	void aServiceWithAPlaceholderDoesNotStart() {
		assertThatThrownBy(() -> start(Map.of("warden.twofactor.keys", "k1:CHANGE-ME-base64-of-32-random-bytes="), Map.of()))
			.hasMessageContaining("Refusing to start")
			.hasMessageContaining("warden.twofactor.keys")
			.hasMessageNotContaining("base64-of-32");
	}

	@Test
	void aServiceWithAShortInternalKeyFromTheEnvironmentDoesNotStart() {
		assertThatThrownBy(() -> start(Map.of(), Map.of("WARDEN_INTERNAL_KEY", "too-short-Key-1")))
			.hasMessageContaining("WARDEN_INTERNAL_KEY")
			.hasMessageContaining("shorter than 32")
			.hasMessageNotContaining("too-short-Key-1");
	}

	private static void start(Map<String, Object> properties, Map<String, Object> environmentVariables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		environment.getPropertySources()
			.addAfter("test", new SystemEnvironmentPropertySource("testEnvironment", environmentVariables));
		new SpringApplicationBuilder(GatewayApplication.class).web(WebApplicationType.NONE)
			.environment(environment)
			.properties("spring.main.banner-mode=off")
			.run()
			.close();
	}
}
