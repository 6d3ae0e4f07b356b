package dev.warden.auth.user;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long a temporary password works ({@code warden.password.temporary-lifetime},
 * {@code WARDEN_PASSWORD_TEMPORARYLIFETIME}) if the user does not replace it: an initial
 * password must expire (OWASP ASVS 5.0 6.4.1). The default, 72 hours, leaves time for the
 * password to reach the user out of band (handed over, phoned, sent by post) and across a
 * weekend, yet keeps an unused one from lying about for long.
 */
@ConfigurationProperties("warden.password")
public record TemporaryPasswordProperties(Duration temporaryLifetime) {

	public TemporaryPasswordProperties {
		temporaryLifetime = temporaryLifetime == null ? Duration.ofHours(72) : temporaryLifetime;
		if (temporaryLifetime.isNegative() || temporaryLifetime.isZero()) {
			throw new IllegalArgumentException("warden.password.temporary-lifetime must be positive");
		}
	}
}
