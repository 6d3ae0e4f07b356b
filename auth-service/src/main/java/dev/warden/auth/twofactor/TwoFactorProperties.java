package dev.warden.auth.twofactor;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Two-factor settings ({@code warden.two-factor.*}).
 *
 * @param issuer the issuer shown by authenticator apps ({@code otpauth://} issuer and
 * label prefix)
 * @param keys AES-256 keys for TOTP secrets at rest, {@code WARDEN_TWOFACTOR_KEYS}:
 * comma-separated {@code id:base64key} pairs, the first encrypts, all decrypt (so a key
 * can be rotated)
 * @param fewRecoveryCodes when a recovery code leaves fewer than this many, the event
 * says so (warning e-mail)
 */
@ConfigurationProperties("warden.two-factor")
public record TwoFactorProperties(String issuer, String keys, Integer fewRecoveryCodes) {

	public TwoFactorProperties {
		issuer = issuer == null || issuer.isBlank() ? "Warden" : issuer;
		keys = keys == null ? "" : keys;
		fewRecoveryCodes = fewRecoveryCodes == null ? 3 : fewRecoveryCodes;
	}
}
