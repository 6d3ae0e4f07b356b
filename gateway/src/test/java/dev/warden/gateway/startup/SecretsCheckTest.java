package dev.warden.gateway.startup;

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
