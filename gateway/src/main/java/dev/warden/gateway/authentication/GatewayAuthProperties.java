package dev.warden.gateway.authentication;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gateway checks callers ({@code warden.gateway.auth.*}).
 *
 * @param cacheTtl how long a session introspection is reused (never past the session's
 * end); revocations evict at once through events, so this bounds only how long a missed
 * event could matter
 * @param introspectionTimeout the longest the gateway waits for session-service before
 * refusing (fail closed)
 */
@ConfigurationProperties("warden.gateway.auth")
public record GatewayAuthProperties(@DefaultValue("5s") Duration cacheTtl,
		@DefaultValue("2s") Duration introspectionTimeout) {
}
