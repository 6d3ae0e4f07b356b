package dev.warden.gateway.routing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The circuit breaker and time limit of every route (Resilience4j). Resilience4j's own
 * default needs 100 calls before it can open; these defaults open after a handful, so a
 * dead service is cut off quickly.
 *
 * @param slidingWindowSize calls remembered per route
 * @param minimumCalls calls needed before the failure rate counts
 * @param failureRatePercent failure rate that opens the breaker
 * @param openFor how long an open breaker refuses before letting test calls through
 * @param timeout the longest a service may take to answer
 * @param maxConcurrentCalls calls in flight to one service (and per introspection) before
 * further ones are refused at once with 503; Resilience4j's default of 25 let one burst
 * of sign-ins refuse everybody else's
 */
@ConfigurationProperties("warden.gateway.breaker")
public record BreakerProperties(@DefaultValue("20") int slidingWindowSize, @DefaultValue("5") int minimumCalls,
		@DefaultValue("50") float failureRatePercent, @DefaultValue("10s") Duration openFor,
		@DefaultValue("10s") Duration timeout, @DefaultValue("200") int maxConcurrentCalls) {
}
