package dev.warden.serviceidentity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;

/**
 * Verifies grants — long-lived ES256 statements one service signs about a credential (who
 * a session or an API token belongs to) and another stores without being able to change
 * them: one type, one issuer, one audience, a key from the configured set ({@code kid}),
 * bound by a claim to the hash of the credential presented, not past its {@code exp}.
 */
public final class SignedGrants {

	/**
	 * Longer than any grant the suite signs: a longer one is refused before it is parsed.
	 */
	public static final int MAX_LENGTH = 4096;

	/** Clock difference tolerated between the signer and the verifier. */
	public static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

	private final Map<String, ECDSAVerifier> verifiers = new LinkedHashMap<>();

	private final JOSEObjectType type;

	private final String issuer;

	private final String audience;

	private final String bindingClaim;

	private final Clock clock;

	/**
	 * @param setting the setting the keys came from, named in a failure (never key
	 * material)
	 * @param publicKeys the signer's public P-256 JWK, or a JWK Set of them while its key
	 * is rotated
	 * @param bindingClaim the claim holding the hash of the credential the grant is for
	 */
	public SignedGrants(String setting, String publicKeys, JOSEObjectType type, String issuer, String audience,
			String bindingClaim, Clock clock) {
		if (publicKeys == null || publicKeys.isBlank()) {
			throw new IllegalArgumentException(setting + " is not set: grants cannot be verified without the"
					+ " signer's public key (deploy/new-secrets.sh prints it)");
		}
		try {
			String json = publicKeys.strip();
			List<JWK> keys = json.contains("\"keys\"") ? JWKSet.parse(json).getKeys() : List.of(JWK.parse(json));
			for (JWK key : keys) {
				if (!(key instanceof ECKey ec) || ec.isPrivate() || !Curve.P_256.equals(ec.getCurve())
						|| ec.getKeyID() == null) {
					throw new IllegalArgumentException(setting + " must hold public P-256 EC JWKs with a kid");
				}
				if (this.verifiers.put(ec.getKeyID(), new ECDSAVerifier(ec)) != null) {
					throw new IllegalArgumentException(setting + " holds two keys with the kid " + ec.getKeyID());
				}
			}
		}
		catch (ParseException | JOSEException ex) {
			throw new IllegalArgumentException(setting + " is not a valid public JWK");
		}
		if (this.verifiers.isEmpty()) {
			throw new IllegalArgumentException(setting + " holds no key");
		}
		this.type = type;
		this.issuer = issuer;
		this.audience = audience;
		this.bindingClaim = bindingClaim;
		this.clock = clock;
	}

	/**
	 * The grant's claims, if it is genuine, unexpired and — unless {@code credentialHash}
	 * is {@code null}, for the signer reading back its own grant — for the credential
	 * with that hash.
	 */
	public JWTClaimsSet verify(@Nullable String grant, @Nullable String credentialHash) throws GrantException {
		if (grant == null || grant.isBlank()) {
			throw new GrantException("no grant");
		}
		if (grant.length() > MAX_LENGTH) {
			throw new GrantException("grant too long");
		}
		SignedJWT jwt;
		JWTClaimsSet claims;
		try {
			jwt = SignedJWT.parse(grant);
			claims = jwt.getJWTClaimsSet();
		}
		catch (ParseException ex) {
			throw new GrantException("not a grant");
		}
		ECDSAVerifier verifier = jwt.getHeader().getKeyID() == null ? null
				: this.verifiers.get(jwt.getHeader().getKeyID());
		if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm()) || !this.type.equals(jwt.getHeader().getType())
				|| verifier == null) {
			throw new GrantException("not a grant of these keys");
		}
		try {
			if (!jwt.verify(verifier)) {
				throw new GrantException("bad signature");
			}
		}
		catch (JOSEException ex) {
			throw new GrantException("not verifiable");
		}
		if (!this.issuer.equals(claims.getIssuer()) || !List.of(this.audience).equals(claims.getAudience())) {
			throw new GrantException("wrong issuer or audience");
		}
		String bound = text(claims, this.bindingClaim);
		if (bound == null || credentialHash != null && !MessageDigest.isEqual(bound.getBytes(StandardCharsets.US_ASCII),
				credentialHash.getBytes(StandardCharsets.US_ASCII))) {
			throw new GrantException("grant is for another credential");
		}
		if (claims.getExpirationTime() == null || claims.getSubject() == null) {
			throw new GrantException("incomplete grant");
		}
		Instant expires = claims.getExpirationTime().toInstant();
		if (!this.clock.instant().isBefore(expires.plus(CLOCK_SKEW))) {
			throw new GrantException("grant over");
		}
		return claims;
	}

	/**
	 * One JWK Set of a signer's current public key and the public halves of the keys it
	 * signed with before ({@code previousKeys}: a JWK, a JWK Set, or blank), so grants
	 * outlive a rotation of its key.
	 */
	public static String keySet(String currentPublicJwk, String previousKeys) {
		if (previousKeys == null || previousKeys.isBlank()) {
			return currentPublicJwk;
		}
		try {
			String json = previousKeys.strip();
			List<JWK> previous = json.contains("\"keys\"") ? JWKSet.parse(json).getKeys() : List.of(JWK.parse(json));
			List<JWK> all = new java.util.ArrayList<>();
			all.add(JWK.parse(currentPublicJwk));
			previous.forEach((key) -> all.add(key.toPublicJWK()));
			return new JWKSet(all).toString(true);
		}
		catch (ParseException ex) {
			throw new IllegalArgumentException("the previous keys are not a valid JWK Set");
		}
	}

	/** A list-of-strings claim, empty when absent. */
	public static List<String> list(JWTClaimsSet claims, String name) throws GrantException {
		try {
			List<String> values = claims.getStringListClaim(name);
			return values == null ? List.of() : values;
		}
		catch (ParseException ex) {
			throw new GrantException("malformed claim " + name);
		}
	}

	/** A string claim, {@code null} when absent. */
	public static String text(JWTClaimsSet claims, String name) throws GrantException {
		try {
			return claims.getStringClaim(name);
		}
		catch (ParseException ex) {
			throw new GrantException("malformed claim " + name);
		}
	}

}
