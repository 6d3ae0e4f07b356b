package dev.warden.auth.password.reset;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Password reset settings ({@code warden.password-reset.*}).
 *
 * @param lifetime how long a reset code works (15 minutes)
 * @param mailsPerHour how many reset mails one account gets in an hour at most; further
 * requests are answered the same and send nothing
 * @param mailKeys AES-256 keys that seal the code inside its event for
 * notification-service, {@code WARDEN_PASSWORDRESET_MAILKEYS}: comma-separated
 * {@code id:base64key} pairs, the first seals; without them no reset mail can be sent
 */
@ConfigurationProperties("warden.password-reset")
public record PasswordResetProperties(Duration lifetime, Integer mailsPerHour, String mailKeys) {

	public PasswordResetProperties {
		lifetime = lifetime == null ? Duration.ofMinutes(15) : lifetime;
		mailsPerHour = mailsPerHour == null ? 3 : mailsPerHour;
		mailKeys = mailKeys == null ? "" : mailKeys;
	}
}
