package dev.warden.token.lifecycle;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * API token settings ({@code warden.tokens.*}).
 *
 * @param maxActivePerUser active tokens a user may hold at once
 * @param usageFlushInterval how often recorded uses are written, in one batch
 * @param expiryCheckInterval how often expiry notices are sent
 */
@ConfigurationProperties("warden.tokens")
public record TokenProperties(Integer maxActivePerUser, Duration usageFlushInterval, Duration expiryCheckInterval) {

	public TokenProperties {
		maxActivePerUser = maxActivePerUser == null ? 50 : maxActivePerUser;
		usageFlushInterval = usageFlushInterval == null ? Duration.ofSeconds(5) : usageFlushInterval;
		expiryCheckInterval = expiryCheckInterval == null ? Duration.ofHours(1) : expiryCheckInterval;
	}
}
