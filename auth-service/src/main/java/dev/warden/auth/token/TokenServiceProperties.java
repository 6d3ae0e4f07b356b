package dev.warden.auth.token;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How auth-service reaches token-service ({@code warden.token-service.*}; the address is
 * {@code WARDEN_UPSTREAM_TOKEN}, as for the gateway).
 *
 * @param url token-service's address, or each replica's (a comma-separated list)
 * @param connectTimeout how long to wait for a connection
 * @param timeout how long to wait for an answer
 */
@ConfigurationProperties("warden.token-service")
public record TokenServiceProperties(List<URI> url, Duration connectTimeout, Duration timeout) {

	public TokenServiceProperties {
		url = url == null || url.isEmpty() ? List.of(URI.create("http://localhost:8083")) : List.copyOf(url);
		connectTimeout = connectTimeout == null ? Duration.ofSeconds(1) : connectTimeout;
		timeout = timeout == null ? Duration.ofSeconds(2) : timeout;
	}

}
