package dev.warden.notification.delivery;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Password reset mails ({@code warden.password-reset.*}).
 *
 * @param mailKeys the keys reset codes are sealed with in their events,
 * {@code WARDEN_PASSWORDRESET_MAILKEYS} (the same as auth-service's)
 * @param portalUrl where users open the portal, for the link in the mail
 * ({@code WARDEN_PASSWORDRESET_PORTALURL})
 */
@ConfigurationProperties("warden.password-reset")
public record ResetMailProperties(String mailKeys, String portalUrl) {

	public ResetMailProperties {
		mailKeys = mailKeys == null ? "" : mailKeys;
		portalUrl = portalUrl == null || portalUrl.isBlank() ? "http://localhost:8080" : portalUrl;
	}
}
