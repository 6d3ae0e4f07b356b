package dev.warden.support.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import dev.warden.serviceidentity.CallerKeys;
import dev.warden.support.TestServiceApplication;
import dev.warden.support.identity.InternalCallProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * No service starts with a placeholder from .env.example or an unreadable key; the
 * message names the setting, never the value.
 */
class SecretsCheckTest {

	@Test
	void aServiceWithAPlaceholderDoesNotStart() {
		assertThatThrownBy(
				() -> start(Map.of("warden.twofactor.keys", "k1:CHANGE-ME-base64-of-32-random-bytes="), Map.of()))
			.hasMessageContaining("Refusing to start")
			.hasMessageContaining("warden.twofactor.keys")
			.hasMessageNotContaining("base64-of-32");
	}

	@Test
	void callerKeysComeFromTheEnvironmentAndAnUnreadableOneIsNamedWithoutItsValue() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					Map.of("WARDEN_INTERNAL_GATEWAYKEY", "{\"kty\":\"EC\",\"d\":\"s3cr3t\"",
							"WARDEN_INTERNAL_AUTHSERVICEKEY", "{\"kty\":\"EC\"}")));
		InternalCallProperties properties = Binder.get(environment)
			.bind("warden.internal", InternalCallProperties.class)
			.get();

		assertThat(properties.callers()).containsEntry("auth-service", "{\"kty\":\"EC\"}");
		assertThatThrownBy(() -> CallerKeys.parse(properties.callers()))
			.hasMessageContaining("calls from gateway is not a valid JWK")
			.hasMessageNotContaining("s3cr3t");
	}

	private static void start(Map<String, Object> properties, Map<String, Object> environmentVariables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		environment.getPropertySources()
			.addAfter("test", new SystemEnvironmentPropertySource("testEnvironment", environmentVariables));
		new SpringApplicationBuilder(TestServiceApplication.class).web(WebApplicationType.NONE)
			.environment(environment)
			.properties("spring.main.banner-mode=off")
			.run()
			.close();
	}

}
