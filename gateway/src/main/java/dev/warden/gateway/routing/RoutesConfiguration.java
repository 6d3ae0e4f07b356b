package dev.warden.gateway.routing;

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
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The public paths of docs/architecture.md and the service that owns each. Routes are
 * built in code rather than YAML so that every route gets a circuit breaker of its own,
 * named after its service, without repeating the filter block five times; a dead service
 * then opens only its own breaker.
 */
@Configuration(proxyBeanMethods = false)
class RoutesConfiguration {

	static final String FALLBACK = "forward:/fallback/";

	@Bean
	RouteLocator wardenRoutes(RouteLocatorBuilder builder, Upstreams upstreams) {
		RouteLocatorBuilder.Builder routes = builder.routes();
		route(routes, Upstreams.AUTH, upstreams.routeUri(Upstreams.AUTH), "/api/auth/**", "/api/me/**",
				"/api/security/password/**", "/api/security/two-factor/**", "/api/admin/users/**",
				"/api/admin/password-policy/**");
		route(routes, Upstreams.SESSION, upstreams.routeUri(Upstreams.SESSION), "/api/security/sessions/**");
		route(routes, Upstreams.TOKEN, upstreams.routeUri(Upstreams.TOKEN), "/api/security/tokens/**");
		route(routes, Upstreams.AUDIT, upstreams.routeUri(Upstreams.AUDIT), "/api/security/log/**",
				"/api/admin/security-log/**");
		route(routes, Upstreams.NOTIFICATION, upstreams.routeUri(Upstreams.NOTIFICATION),
				"/api/admin/notifications/**");
		return routes.build();
	}

	private static void route(RouteLocatorBuilder.Builder routes, String service, URI uri, String... paths) {
		routes.route(service,
				(route) -> route.path(paths)
					.filters((filters) -> filters
						.circuitBreaker((breaker) -> breaker.setName(service).setFallbackUri(FALLBACK + service)))
					.uri(uri));
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
