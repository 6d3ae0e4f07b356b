package dev.warden.gateway.routing;

import java.net.URI;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;

import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The public paths of ARCHITECTURE.md and the service that owns each. Routes are built in code rather than
 * YAML so that every route gets a circuit breaker of its own, named after its service, without repeating the
 * filter block five times; a dead service then opens only its own breaker.
 */
@Configuration(proxyBeanMethods = false)
class RoutesConfiguration {

	static final String FALLBACK = "forward:/fallback/";

	@Bean
	RouteLocator wardenRoutes(RouteLocatorBuilder builder, UpstreamProperties upstream) {
		RouteLocatorBuilder.Builder routes = builder.routes();
		route(routes, "auth-service", upstream.auth(), "/api/auth/**", "/api/me/**", "/api/security/password/**",
				"/api/security/two-factor/**", "/api/admin/users/**", "/api/admin/password-policy/**");
		route(routes, "session-service", upstream.session(), "/api/security/sessions/**");
		route(routes, "token-service", upstream.token(), "/api/security/tokens/**");
		route(routes, "audit-service", upstream.audit(), "/api/security/log/**", "/api/admin/security-log/**");
		route(routes, "notification-service", upstream.notification(), "/api/admin/notifications/**");
		return routes.build();
	}

	private static void route(RouteLocatorBuilder.Builder routes, String service, URI uri, String... paths) {
		routes.route(service, (route) -> route.path(paths)
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
		return (factory) -> factory.configureDefault((id) -> new Resilience4JConfigBuilder(id)
			.circuitBreakerConfig(breaker)
			.timeLimiterConfig(limiter)
			.build());
	}
}
