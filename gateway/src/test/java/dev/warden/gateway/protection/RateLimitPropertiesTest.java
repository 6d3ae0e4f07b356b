package dev.warden.gateway.protection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class RateLimitPropertiesTest {

	@Test
	void bindsItsDefaultsWhenNothingIsConfigured() {
		RateLimitProperties properties = bind(Map.of());

		assertThat(properties.login()).isEqualTo(new RateLimitProperties.Bucket(1, 20));
		assertThat(properties.sensitive()).isEqualTo(new RateLimitProperties.Bucket(1, 10));
	}

	@Test
	void bindsAPartlyConfiguredBucket() {
		RateLimitProperties properties = bind(Map.of("warden.gateway.rate-limit.login.burst", "3"));

		assertThat(properties.login()).isEqualTo(new RateLimitProperties.Bucket(1, 3));
	}

	private static RateLimitProperties bind(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("warden.gateway.rate-limit",
				RateLimitProperties.class);
	}

}
