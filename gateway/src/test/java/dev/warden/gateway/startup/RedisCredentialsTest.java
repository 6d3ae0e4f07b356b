package dev.warden.gateway.startup;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.gateway.GatewayApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The gateway does not start without its Redis password, and says which setting is
 * missing.
 */
class RedisCredentialsTest {

	@Test
	void theGatewayWithoutARedisPasswordDoesNotStart() {
		assertThatThrownBy(() -> new SpringApplicationBuilder(GatewayApplication.class).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off")
			.run()
			.close()).hasMessageContaining("no Redis password")
			.hasMessageContaining("WARDEN_REDIS_PASSWORD")
			.hasMessageContaining("Redis user gateway");
	}

}
