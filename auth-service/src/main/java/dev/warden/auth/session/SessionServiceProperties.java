package dev.warden.auth.session;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How auth-service reaches session-service ({@code warden.session-service.*}, apart from
 * {@code warden.session.*}, the sessions' own lifetimes; the address is
 * {@code WARDEN_UPSTREAM_SESSION}, as for the gateway). The breaker opens after a handful
 * of failures rather than Resilience4j's default of 100 calls, so a dead session-service
 * is cut off at once.
 *
 * @param url session-service's address, or each replica's (a comma-separated list)
 * @param connectTimeout how long to wait for a connection
 * @param timeout how long to wait for an answer
 * @param breakerWindow calls remembered by the breaker
 * @param breakerMinimumCalls calls needed before the failure rate counts
 * @param breakerOpenFor how long an open breaker refuses before letting test calls
 * through
 */
@ConfigurationProperties("warden.session-service")
public record SessionServiceProperties(List<URI> url, Duration connectTimeout, Duration timeout, Integer breakerWindow,
		Integer breakerMinimumCalls, Duration breakerOpenFor) {

	public SessionServiceProperties {
		url = url == null || url.isEmpty() ? List.of(URI.create("http://localhost:8082")) : List.copyOf(url);
		connectTimeout = connectTimeout == null ? Duration.ofSeconds(1) : connectTimeout;
		timeout = timeout == null ? Duration.ofSeconds(2) : timeout;
		breakerWindow = breakerWindow == null ? 10 : breakerWindow;
		breakerMinimumCalls = breakerMinimumCalls == null ? 4 : breakerMinimumCalls;
		breakerOpenFor = breakerOpenFor == null ? Duration.ofSeconds(10) : breakerOpenFor;
	}
}
