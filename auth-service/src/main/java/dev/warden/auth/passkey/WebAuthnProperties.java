package dev.warden.auth.passkey;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The relying party passkeys are made for ({@code warden.webauthn.*}).
 *
 * @param rpId the relying party id: the portal's host name or a registrable suffix of it
 * ({@code WARDEN_WEBAUTHN_RPID}); passkeys made for one id never work for another
 * @param rpName the name authenticators show
 * @param origins the exact origins the portal is served from
 * ({@code WARDEN_WEBAUTHN_ORIGINS}, comma-separated), each under {@code rpId}
 * @param challengeLifetime how long a ceremony may take
 * @param maxPerUser the most passkeys one account may hold
 */
@ConfigurationProperties("warden.webauthn")
public record WebAuthnProperties(String rpId, String rpName, List<String> origins, Duration challengeLifetime,
		Integer maxPerUser) {

	public WebAuthnProperties {
		rpId = rpId == null || rpId.isBlank() ? "localhost" : rpId.strip();
		rpName = rpName == null || rpName.isBlank() ? "Warden" : rpName.strip();
		origins = origins == null || origins.isEmpty() ? List.of("http://localhost:8080")
				: origins.stream().map(String::strip).filter((origin) -> !origin.isEmpty()).toList();
		challengeLifetime = challengeLifetime == null ? Duration.ofMinutes(2) : challengeLifetime;
		maxPerUser = maxPerUser == null ? 10 : maxPerUser;
	}

}
