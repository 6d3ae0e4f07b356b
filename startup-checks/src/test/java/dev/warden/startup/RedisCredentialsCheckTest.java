package dev.warden.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * A service that uses Redis says which setting is missing instead of failing later with a
 * bare NOAUTH.
 */
class RedisCredentialsCheckTest {

	@Test
	void aServiceWithoutARedisPasswordIsToldWhichSettingAndUser() {
		assertThat(RedisCredentialsCheck.problem(environment(Map.of("spring.application.name", "session-service"))))
			.startsWith("Refusing to start: no Redis password")
			.contains("WARDEN_REDIS_PASSWORD")
			.contains("Redis user session-service");
	}

	@Test
	void aBlankPasswordIsNoPassword() {
		assertThat(RedisCredentialsCheck
			.problem(environment(Map.of("warden.redis.password", " ", "warden.redis.username", "gateway"))))
			.contains("Redis user gateway");
	}

	@Test
	void aPasswordInTheSettingsOrInTheUrlIsEnough() {
		assertThat(RedisCredentialsCheck.problem(environment(Map.of("warden.redis.password", "s3cret")))).isNull();
		assertThat(RedisCredentialsCheck.problem(environment(Map.of("spring.data.redis.password", "s3cret")))).isNull();
		assertThat(RedisCredentialsCheck
			.problem(environment(Map.of("spring.data.redis.url", "redis://gateway:s3cret@redis:6379")))).isNull();
		assertThat(RedisCredentialsCheck.problem(environment(Map.of("spring.data.redis.url", "redis://redis:6379"))))
			.isNotNull();
	}

	private static StandardEnvironment environment(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		return environment;
	}

}
