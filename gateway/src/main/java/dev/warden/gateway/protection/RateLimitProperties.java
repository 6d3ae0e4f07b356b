package dev.warden.gateway.protection;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token-bucket limits ({@code warden.gateway.rate-limit.*}), kept in Redis so every gateway replica shares them.
 *
 * @param login sign-in and its second step, per client IP
 * @param sensitive password change and token creation, per user
 */
@ConfigurationProperties("warden.gateway.rate-limit")
public record RateLimitProperties(@DefaultValue({ "1", "20" }) Bucket login,
		@DefaultValue({ "1", "10" }) Bucket sensitive) {

	/**
	 * A bucket of {@code burst} requests refilled at {@code perSecond} requests per second.
	 * @param perSecond refill rate
	 * @param burst capacity
	 */
	public record Bucket(@DefaultValue("1") int perSecond, @DefaultValue("20") int burst) {
	}
}
