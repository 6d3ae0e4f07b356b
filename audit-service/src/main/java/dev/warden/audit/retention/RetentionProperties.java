package dev.warden.audit.retention;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long the security log keeps entries ({@code warden.audit.*}).
 *
 * @param retention entries older than this are removed (default 400 days)
 * @param retentionCheckInterval how often the job runs
 */
@ConfigurationProperties("warden.audit")
public record RetentionProperties(Duration retention, Duration retentionCheckInterval) {

	public RetentionProperties {
		retention = retention == null ? Duration.ofDays(400) : retention;
		retentionCheckInterval = retentionCheckInterval == null ? Duration.ofHours(6) : retentionCheckInterval;
	}
}
