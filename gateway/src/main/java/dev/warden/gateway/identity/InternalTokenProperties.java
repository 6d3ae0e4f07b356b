package dev.warden.gateway.identity;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The internal JWT the gateway mints for services.
 *
 * @param signing the signing key and the keys still published after a rotation
 * @param lifetime how long a minted token lives (at most 60 s; services refuse longer)
 * @param issuer {@code iss}
 */
@ConfigurationProperties("warden.identity")
public record InternalTokenProperties(@DefaultValue Signing signing, @DefaultValue("30s") Duration lifetime,
		@DefaultValue("warden-gateway") String issuer) {

	public InternalTokenProperties {
		if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(Duration.ofSeconds(60)) > 0) {
			throw new IllegalArgumentException("warden.identity.lifetime must be between 1 s and 60 s");
		}
	}

	/**
	 * The signing keys.
	 *
	 * @param key a private EC P-256 JWK (JSON) shared by every gateway replica
	 * ({@code WARDEN_IDENTITY_SIGNING_KEY}); when empty, each start generates a fresh key
	 * pair, which suits a single gateway
	 * @param previousKeys a JWK Set (JSON) of public keys still published after a
	 * rotation, so tokens signed with the old key stay verifiable for their last seconds
	 * ({@code WARDEN_IDENTITY_SIGNING_PREVIOUSKEYS})
	 */
	public record Signing(@DefaultValue("") String key, @DefaultValue("") String previousKeys) {
	}
}
