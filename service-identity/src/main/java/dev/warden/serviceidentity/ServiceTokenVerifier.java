package dev.warden.serviceidentity;

import java.security.Key;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

/**
 * Decides which service, if any, a presented service token proves: ES256 and the
 * service-token type only, signed by a key of the caller its {@code iss} names (so one
 * caller's key cannot speak for another), {@code aud} exactly this service, {@code sub}
 * equal to {@code iss}, issued and expiring within a minute. A verified token is
 * remembered until it expires, as callers reuse theirs for twenty seconds.
 */
public final class ServiceTokenVerifier {

	private static final int CACHE_LIMIT = 10_000;

	private static final String BEARER = "Bearer ";

	private final String self;

	private final Clock clock;

	private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

	private final Map<String, Verified> verified = new ConcurrentHashMap<>();

	public ServiceTokenVerifier(String self, CallerKeys callers, Clock clock) {
		this.self = self;
		this.clock = clock;
		this.processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(ServiceTokens.TYPE));
		this.processor.setJWTClaimsSetAwareJWSKeySelector((header, claims, context) -> {
			if (!JWSAlgorithm.ES256.equals(header.getAlgorithm())) {
				return List.of();
			}
			return callers.of(claims.getIssuer())
				.stream()
				.filter((key) -> header.getKeyID() == null || header.getKeyID().equals(key.getKeyID()))
				.map(ServiceTokenVerifier::publicKey)
				.toList();
		});
		this.processor.setJWTClaimsSetVerifier((claims, context) -> check(claims));
	}

	/**
	 * The calling service's name, from an {@code Authorization: Bearer <service token>}
	 * header value.
	 */
	public String verifyAuthorization(String authorization) throws ServiceTokenException {
		if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			throw new ServiceTokenException("no bearer service token");
		}
		return verify(authorization.substring(BEARER.length()).strip());
	}

	/** The calling service's name. */
	public String verify(String token) throws ServiceTokenException {
		if (token == null || token.isBlank()) {
			throw new ServiceTokenException("no service token");
		}
		Instant now = this.clock.instant();
		Verified known = this.verified.get(token);
		if (known != null && now.isBefore(known.validUntil())) {
			return known.caller();
		}
		JWTClaimsSet claims;
		try {
			claims = this.processor.process(token, null);
		}
		catch (ParseException ex) {
			throw new ServiceTokenException("not a service token");
		}
		catch (BadJOSEException ex) {
			throw new ServiceTokenException("service token refused: " + ex.getMessage());
		}
		catch (JOSEException ex) {
			throw new ServiceTokenException("service token not verifiable");
		}
		if (this.verified.size() >= CACHE_LIMIT) {
			this.verified.clear();
		}
		this.verified.put(token, new Verified(claims.getIssuer(),
				claims.getExpirationTime().toInstant().plus(ServiceTokens.CLOCK_SKEW)));
		return claims.getIssuer();
	}

	private void check(JWTClaimsSet claims) throws BadJWTException {
		if (claims.getAudience() == null || !claims.getAudience().equals(List.of(this.self))) {
			throw new BadJWTException("audience is not " + this.self);
		}
		if (claims.getIssuer() == null || !claims.getIssuer().equals(claims.getSubject())) {
			throw new BadJWTException("subject is not the issuer");
		}
		if (claims.getIssueTime() == null || claims.getExpirationTime() == null) {
			throw new BadJWTException("iat and exp are required");
		}
		Instant issued = claims.getIssueTime().toInstant();
		Instant expires = claims.getExpirationTime().toInstant();
		Instant now = this.clock.instant();
		if (Duration.between(issued, expires).compareTo(ServiceTokens.LIFETIME) > 0) {
			throw new BadJWTException("lifetime too long");
		}
		if (now.isAfter(expires.plus(ServiceTokens.CLOCK_SKEW))) {
			throw new BadJWTException("expired");
		}
		if (issued.isAfter(now.plus(ServiceTokens.CLOCK_SKEW))) {
			throw new BadJWTException("issued in the future");
		}
	}

	private static Key publicKey(com.nimbusds.jose.jwk.ECKey key) {
		try {
			return key.toECPublicKey();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Unusable caller key", ex);
		}
	}

	private record Verified(String caller, Instant validUntil) {
	}

}
