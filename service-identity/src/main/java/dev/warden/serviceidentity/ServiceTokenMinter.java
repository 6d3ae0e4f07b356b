package dev.warden.serviceidentity;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Mints the ES256 token a service presents to another ({@code Authorization: Bearer}):
 * {@code iss} and {@code sub} name the caller, {@code aud} the one service it is for,
 * valid for a minute. A token is reused for a third of its life, so a busy caller signs
 * about three times a minute per callee instead of once per call.
 */
public final class ServiceTokenMinter {

	private final String caller;

	private final ServiceKey key;

	private final ECDSASigner signer;

	private final Clock clock;

	private final Map<String, Minted> recent = new ConcurrentHashMap<>();

	public ServiceTokenMinter(String caller, ServiceKey key, Clock clock) {
		if (caller == null || caller.isBlank()) {
			throw new IllegalArgumentException("A service token needs the caller's name");
		}
		this.caller = caller;
		this.key = key;
		this.clock = clock;
		try {
			this.signer = new ECDSASigner(key.privateKey());
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Unusable service key", ex);
		}
	}

	public String caller() {
		return this.caller;
	}

	/** A token for calling {@code callee}. */
	public String tokenFor(String callee) {
		Instant now = this.clock.instant();
		Minted minted = this.recent.get(callee);
		if (minted != null && minted.reusableUntil().isAfter(now) && !minted.issuedAt().isAfter(now)) {
			return minted.token();
		}
		String token = sign(callee, now);
		this.recent.put(callee, new Minted(token, now, now.plus(ServiceTokens.LIFETIME.dividedBy(3))));
		return token;
	}

	private String sign(String callee, Instant now) {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(this.caller)
			.subject(this.caller)
			.audience(callee)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(ServiceTokens.LIFETIME)))
			.jwtID(UUID.randomUUID().toString())
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(ServiceTokens.TYPE)
			.keyID(this.key.privateKey().getKeyID())
			.build(), claims);
		try {
			jwt.sign(this.signer);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not sign a service token", ex);
		}
		return jwt.serialize();
	}

	private record Minted(String token, Instant issuedAt, Instant reusableUntil) {
	}

}
