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

/**
 * The gateway does not start with a placeholder from .env.example, without its own
 * service key or without auth-service's public key; the message names the setting.
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

	/**
	 * The gateway's Redis and Kafka passwords and auth-service's public key, so that what
	 * is checked is the service key.
	 */
	private static final Map<String, Object> OTHER_CREDENTIALS = Map.of("WARDEN_REDIS_PASSWORD",
			"redis-password-0123456789", "WARDEN_KAFKA_PASSWORD", "kafka-password-0123456789",
			"WARDEN_INTERNAL_AUTHSERVICEKEY", dev.warden.serviceidentity.ServiceKey.generate().publicJson());

	@Test
	void theGatewayDoesNotStartWithoutItsOwnServiceKey() {
		assertThatThrownBy(() -> start(Map.of(), OTHER_CREDENTIALS)).hasStackTraceContaining("WARDEN_SERVICE_KEY")
			.hasStackTraceContaining("not set");
	}

	@Test
	void theGatewayDoesNotStartWithAPublicKeyForItsServiceKey() {
		String publicOnly = dev.warden.serviceidentity.ServiceKey.generate().publicJson();
		Map<String, Object> environment = new java.util.HashMap<>(OTHER_CREDENTIALS);
		environment.put("WARDEN_SERVICE_KEY", publicOnly);
		assertThatThrownBy(() -> start(Map.of(), environment)).hasStackTraceContaining("must be a private P-256 EC JWK")
			.satisfies((error) -> assertThat(stackTrace(error)).doesNotContain(publicOnly.substring(20, 60)));
	}

	@Test
	void theGatewayDoesNotStartWithoutAuthServicesPublicKey() {
		Map<String, Object> environment = new java.util.HashMap<>(OTHER_CREDENTIALS);
		environment.remove("WARDEN_INTERNAL_AUTHSERVICEKEY");
		environment.put("WARDEN_SERVICE_KEY", dev.warden.serviceidentity.ServiceKey.generate().privateJson());
		assertThatThrownBy(() -> start(Map.of(), environment)).hasStackTraceContaining("WARDEN_INTERNAL_AUTHSERVICEKEY")
			.hasStackTraceContaining("not set");
	}

	@Test
	void theGatewayDoesNotStartWithAPrivateKeyForAuthService() {
		String privateKey = dev.warden.serviceidentity.ServiceKey.generate().privateJson();
		Map<String, Object> environment = new java.util.HashMap<>(OTHER_CREDENTIALS);
		environment.put("WARDEN_INTERNAL_AUTHSERVICEKEY", privateKey);
		environment.put("WARDEN_SERVICE_KEY", dev.warden.serviceidentity.ServiceKey.generate().privateJson());
		assertThatThrownBy(() -> start(Map.of(), environment)).hasStackTraceContaining("WARDEN_INTERNAL_AUTHSERVICEKEY")
			.hasStackTraceContaining("must hold public P-256 EC JWKs")
			.satisfies((error) -> assertThat(stackTrace(error))
				.doesNotContain(com.nimbusds.jose.jwk.ECKey.parse(privateKey).getD().toString()));
	}

	private static String stackTrace(Throwable error) {
		java.io.StringWriter out = new java.io.StringWriter();
		error.printStackTrace(new java.io.PrintWriter(out));
		return out.toString();
	}

	private static void start(Map<String, Object> properties, Map<String, Object> environmentVariables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		environment.getPropertySources()
			// Named as Spring Boot names the process environment, so variables bind as
			// they would there
			// (WARDEN_INTERNAL_AUTHSERVICEKEY to warden.internal.auth-service-key).
			.addAfter("test", new SystemEnvironmentPropertySource("test-systemEnvironment", environmentVariables));
		new SpringApplicationBuilder(GatewayApplication.class).web(WebApplicationType.NONE)
			.environment(environment)
			.properties("spring.main.banner-mode=off")
			.run()
			.close();
	}

}
