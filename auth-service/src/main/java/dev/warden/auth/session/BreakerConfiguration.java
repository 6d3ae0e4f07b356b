package dev.warden.auth.session;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.HttpClientErrorException;

/**
 * The circuit breaker in front of session-service, with its state and calls in Prometheus
 * ({@code resilience4j_circuitbreaker_*}). A 4xx is an answer, not a failure, so it never
 * opens the breaker.
 */
@Configuration(proxyBeanMethods = false)
class BreakerConfiguration {

	@Bean
	CircuitBreakerRegistry circuitBreakerRegistry(SessionServiceProperties properties, MeterRegistry meters) {
		CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
			.slidingWindowSize(properties.breakerWindow())
			.minimumNumberOfCalls(properties.breakerMinimumCalls())
			.failureRateThreshold(50)
			.waitDurationInOpenState(properties.breakerOpenFor())
			.permittedNumberOfCallsInHalfOpenState(2)
			.ignoreExceptions(HttpClientErrorException.class)
			.build());
		TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
		return registry;
	}

}
