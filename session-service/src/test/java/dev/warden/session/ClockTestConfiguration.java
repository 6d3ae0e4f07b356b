package dev.warden.session;

import dev.warden.infra.test.MutableClock;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Replaces the service's clock with one tests move by hand; shared by every
 * session-service test context.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ClockTestConfiguration {

	@Bean
	@Primary
	MutableClock testClock() {
		return MutableClock.startingNow();
	}

}
