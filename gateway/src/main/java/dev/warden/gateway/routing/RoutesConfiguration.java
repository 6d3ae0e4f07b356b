package dev.warden.gateway.routing;

import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.ThreadPoolBulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;

import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4jBulkheadProvider;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4jBulkheadConfigurationBuilder;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * A route for each service's {@link PublicPaths}. Routes are built in code rather than
 * YAML so that every route gets a circuit breaker of its own, named after its service,
 * without repeating the filter block five times; a dead service then opens only its own
 * breaker.
 */
@Configuration(proxyBeanMethods = false)
class RoutesConfiguration {

	static final String FALLBACK = "forward:/fallback/";

	@Bean
	RouteLocator wardenRoutes(RouteLocatorBuilder builder, Upstreams upstreams) {
		RouteLocatorBuilder.Builder routes = builder.routes();
		PublicPaths.BY_SERVICE.forEach((service, paths) -> route(routes, service, upstreams.routeUri(service),
				upstreams.balanced(service), paths.toArray(String[]::new)));
		return routes.build();
	}

	private static void route(RouteLocatorBuilder.Builder routes, String service, URI uri, boolean balanced,
			String... paths) {
		routes.route(service, (route) -> route.path(paths).filters((filters) -> {
			filters.circuitBreaker((breaker) -> breaker.setName(service).setFallbackUri(FALLBACK + service));
			if (balanced) {
				// Inside the breaker: a replica that is gone costs a retry on the next
				// one,
				// and the breaker sees only the outcome. Only a refused connection is
				// retried (the request never reached a service, so even a change is
				// safe);
				// an error or a lost answer from a service that took the request is not.
				filters.retry((retry) -> retry.setRetries(Upstreams.CONNECT_RETRIES)
					.setMethods(HttpMethod.values())
					.setSeries()
					.setStatuses()
					.setExceptions(ConnectException.class, java.net.NoRouteToHostException.class)
					.setBackoff(Duration.ofMillis(20), Duration.ofMillis(100), 2, false));
			}
			return filters;
		}).uri(uri));
	}

	/** The trace reaches the service ({@link TraceHeaders}). */
	@Bean
	HttpHeadersFilter traceHeaders(Propagator propagator) {
		return new TraceHeaders(propagator);
	}

	@Bean
	Customizer<ReactiveResilience4JCircuitBreakerFactory> breakerDefaults(BreakerProperties properties) {
		CircuitBreakerConfig breaker = CircuitBreakerConfig.custom()
			.slidingWindowSize(properties.slidingWindowSize())
			.minimumNumberOfCalls(properties.minimumCalls())
			.failureRateThreshold(properties.failureRatePercent())
			.waitDurationInOpenState(properties.openFor())
			.permittedNumberOfCallsInHalfOpenState(2)
			.build();
		TimeLimiterConfig limiter = TimeLimiterConfig.custom().timeoutDuration(properties.timeout()).build();
		return (factory) -> factory
			.configureDefault((id) -> new Resilience4JConfigBuilder(id).circuitBreakerConfig(breaker)
				.timeLimiterConfig(limiter)
				.build());
	}

	/**
	 * The bulkhead each breaker comes with: no waiting, and room for a burst
	 * (Resilience4j's default is 25).
	 */
	@Bean
	Customizer<ReactiveResilience4jBulkheadProvider> bulkheadDefaults(BreakerProperties properties) {
		BulkheadConfig bulkhead = BulkheadConfig.custom()
			.maxConcurrentCalls(properties.maxConcurrentCalls())
			.maxWaitDuration(Duration.ZERO)
			.build();
		return (provider) -> provider
			.configureDefault((id) -> new Resilience4jBulkheadConfigurationBuilder().bulkheadConfig(bulkhead)
				.threadPoolBulkheadConfig(ThreadPoolBulkheadConfig.ofDefaults())
				.build());
	}

}
