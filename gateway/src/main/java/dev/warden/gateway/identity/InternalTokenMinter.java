package dev.warden.gateway.identity;

import dev.warden.serviceidentity.Claims;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Mints the short-lived internal JWT (ES256) for one service, carrying who the caller is:
 * {@code sub}, {@code roles}, {@code sid} or {@code tid}, {@code amr} (RFC 8176
 * authentication method references) and {@code cip}, the client's address. An anonymous
 * caller's token (signing in) has no {@code sub}, roles or methods: only {@code cip}.
 */
public final class InternalTokenMinter {

	/**
	 * The client's address, as the gateway established it (services read it from here
	 * only).
	 */
	public static final String CLIENT_IP = Claims.CLIENT_IP;

	private final SigningKeys keys;

	private final InternalTokenProperties properties;

	private final ECDSASigner signer;

	private final Clock clock;

	private final com.github.benmanes.caffeine.cache.Cache<Addressed, Minted> recent;

	public InternalTokenMinter(SigningKeys keys, InternalTokenProperties properties, Clock clock) {
		this.keys = keys;
		this.properties = properties;
		this.clock = clock;
		this.recent = com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
			.expireAfterWrite(properties.lifetime())
			.maximumSize(100_000)
			.build();
		try {
			this.signer = new ECDSASigner(keys.signingKey());
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Unusable signing key", ex);
		}
	}

	/**
	 * The token for this caller, addressed to the one service the request goes to
	 * ({@code aud}), so a token captured at one service is refused by every other. One
	 * minted within the last third of the lifetime is reused (an ES256 signature was the
	 * largest single cost of a proxied request in the profile), so a service receives it
	 * with at least two thirds of its life left.
	 */
	public String mint(CallerIdentity caller, String service) {
		Addressed key = new Addressed(caller, service);
		Minted minted = this.recent.getIfPresent(key);
		Instant now = this.clock.instant();
		if (minted != null && minted.reusableUntil().isAfter(now)) {
			return minted.token();
		}
		String token = sign(caller, service, now);
		this.recent.put(key, new Minted(token, now.plus(this.properties.lifetime().dividedBy(3))));
		return token;
	}

	private record Addressed(CallerIdentity caller, String service) {
	}

	private record Minted(String token, Instant reusableUntil) {
	}

	private String sign(CallerIdentity caller, String service, Instant now) {
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(this.properties.issuer())
			.audience(service)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(this.properties.lifetime())))
			.jwtID(UUID.randomUUID().toString());
		if (!caller.isAnonymous()) {
			claims.subject(caller.userId())
				.claim(Claims.ROLES, caller.roles())
				.claim(Claims.AUTH_METHODS, caller.authMethods());
		}
		if (caller.clientIp() != null) {
			claims.claim(CLIENT_IP, caller.clientIp());
		}
		if (caller.sessionId() != null) {
			claims.claim(Claims.SESSION_ID, caller.sessionId());
		}
		if (caller.authenticatedAt() != null) {
			claims.claim(Claims.AUTH_TIME, caller.authenticatedAt().getEpochSecond());
		}
		if (caller.tokenId() != null) {
			claims.claim(Claims.TOKEN_ID, caller.tokenId());
		}
		if (caller.replaces() != null) {
			claims.claim(Claims.REPLACED_USER, caller.replaces().userId())
				.claim(Claims.REPLACED_SESSION, caller.replaces().sessionId());
		}
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT)
			.keyID(this.keys.signingKey().getKeyID())
			.build(), claims.build());
		try {
			jwt.sign(this.signer);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not sign the internal token", ex);
		}
		return jwt.serialize();
	}

}
