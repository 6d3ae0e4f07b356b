package dev.warden.auth.token;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How auth-service reaches token-service ({@code warden.token-service.*}; the address is
 * {@code WARDEN_UPSTREAM_TOKEN}, as for the gateway).
 *
 * @param url token-service's address
 * @param connectTimeout how long to wait for a connection
 * @param timeout how long to wait for an answer
 */
@ConfigurationProperties("warden.token-service")
public record TokenServiceProperties(URI url, Duration connectTimeout, Duration timeout) {

	public TokenServiceProperties {
		url = url == null ? URI.create("http://localhost:8083") : url;
		connectTimeout = connectTimeout == null ? Duration.ofSeconds(1) : connectTimeout;
		timeout = timeout == null ? Duration.ofSeconds(2) : timeout;
	}

}
