package dev.warden.serviceidentity.session;

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Checks a session grant against auth-service's public key: ES256 and the grant type only, the key's {@code kid},
 * issuer auth-service, audience the gateway, not past the session's end, and bound to the cookie value presented
 * ({@code sh}). Only then are its claims the caller's identity.
 */
public final class SessionGrantVerifier {

	/** auth-service's public keys by {@code kid}: one, or two while its key is being rotated. */
	private final Map<String, ECDSAVerifier> verifiers = new LinkedHashMap<>();

	private final Clock clock;

	/**
	 * @param setting the setting the key came from, named in a failure (never key material)
	 * @param publicJwk auth-service's public P-256 JWK, or a JWK Set of them while its key is rotated
	 */
	public SessionGrantVerifier(String setting, String publicJwk, Clock clock) {
		if (publicJwk == null || publicJwk.isBlank()) {
			throw new IllegalArgumentException(setting + " is not set: session grants cannot be verified without"
					+ " auth-service's public key (deploy/new-secrets.sh prints it)");
		}
		try {
			String json = publicJwk.strip();
			List<JWK> keys = json.contains("\"keys\"") ? JWKSet.parse(json).getKeys() : List.of(JWK.parse(json));
			for (JWK key : keys) {
				if (!(key instanceof ECKey ec) || ec.isPrivate() || !Curve.P_256.equals(ec.getCurve())
						|| ec.getKeyID() == null) {
					throw new IllegalArgumentException(setting + " must hold public P-256 EC JWKs with a kid");
				}
				this.verifiers.put(ec.getKeyID(), new ECDSAVerifier(ec));
			}
		}
		catch (ParseException | JOSEException ex) {
			throw new IllegalArgumentException(setting + " is not a valid public JWK");
		}
		if (this.verifiers.isEmpty()) {
			throw new IllegalArgumentException(setting + " holds no key");
		}
		this.clock = clock;
	}

	/** The grant, if it is auth-service's and for the cookie value whose hash is {@code secretHash}. */
	public SessionGrant verify(String grant, String secretHash) throws SessionGrantException {
		if (secretHash == null) {
			throw new SessionGrantException("no cookie to bind the grant to");
		}
		return verified(grant, secretHash);
	}

	/**
	 * The grant, if it is auth-service's, whatever cookie it was for: for auth-service itself, which renews a
	 * session from the grant it issued before (and gives the new one to the new cookie value).
	 */
	public SessionGrant verifyIssued(String grant) throws SessionGrantException {
		return verified(grant, null);
	}

	private SessionGrant verified(String grant, String secretHash) throws SessionGrantException {
		if (grant == null || grant.isBlank()) {
			throw new SessionGrantException("no grant");
		}
		SignedJWT jwt;
		JWTClaimsSet claims;
		try {
			jwt = SignedJWT.parse(grant);
			claims = jwt.getJWTClaimsSet();
		}
		catch (ParseException ex) {
			throw new SessionGrantException("not a grant");
		}
		ECDSAVerifier verifier = jwt.getHeader().getKeyID() == null ? null
				: this.verifiers.get(jwt.getHeader().getKeyID());
		if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())
				|| !SessionGrants.TYPE.equals(jwt.getHeader().getType()) || verifier == null) {
			throw new SessionGrantException("not a grant of these keys");
		}
		try {
			if (!jwt.verify(verifier)) {
				throw new SessionGrantException("bad signature");
			}
		}
		catch (JOSEException ex) {
			throw new SessionGrantException("not verifiable");
		}
		return read(claims, secretHash);
	}

	private SessionGrant read(JWTClaimsSet claims, String secretHash) throws SessionGrantException {
		try {
			if (!SessionGrants.ISSUER.equals(claims.getIssuer())
					|| !List.of(SessionGrants.AUDIENCE).equals(claims.getAudience())) {
				throw new SessionGrantException("wrong issuer or audience");
			}
			String sh = claims.getStringClaim("sh");
			if (sh == null || secretHash != null && !java.security.MessageDigest.isEqual(
					sh.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
					secretHash.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
				throw new SessionGrantException("grant is for another cookie");
			}
			if (claims.getExpirationTime() == null || claims.getSubject() == null
					|| claims.getStringClaim("sid") == null || claims.getLongClaim("auth_time") == null) {
				throw new SessionGrantException("incomplete grant");
			}
			Instant expires = claims.getExpirationTime().toInstant();
			if (!this.clock.instant().isBefore(expires.plus(SessionGrants.CLOCK_SKEW))) {
				throw new SessionGrantException("session over");
			}
			return new SessionGrant(claims.getSubject(), claims.getStringClaim("sid"), list(claims, "roles"),
					list(claims, "amr"), Instant.ofEpochSecond(claims.getLongClaim("auth_time")),
					Boolean.TRUE.equals(claims.getBooleanClaim("pcr")),
					Boolean.TRUE.equals(claims.getBooleanClaim("tfr")), sh, expires);
		}
		catch (ParseException ex) {
			throw new SessionGrantException("malformed claim");
		}
	}

	private static List<String> list(JWTClaimsSet claims, String name) throws ParseException {
		List<String> values = claims.getStringListClaim(name);
		return values == null ? List.of() : values;
	}
}
