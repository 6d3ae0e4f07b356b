package dev.warden.gateway.protection;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token-bucket limits ({@code warden.gateway.rate-limit.*}), kept in Redis so every
 * gateway replica shares them.
 *
 * @param login sign-in and its second step, per client IP
 * @param sensitive password change, token creation and passkey challenges, per user
 */
@ConfigurationProperties("warden.gateway.rate-limit")
public record RateLimitProperties(Bucket login, Bucket sensitive) {

	// Defaults for buckets not configured at all (a nested record cannot take
	// @DefaultValue values).
	public RateLimitProperties {
		login = login == null ? new Bucket(1, 20) : login;
		sensitive = sensitive == null ? new Bucket(1, 10) : sensitive;
	}

	/**
	 * A bucket of {@code burst} requests refilled at {@code perSecond} requests per
	 * second.
	 *
	 * @param perSecond refill rate
	 * @param burst capacity
	 */
	public record Bucket(@DefaultValue("1") int perSecond, @DefaultValue("20") int burst) {
	}
}
