package dev.warden.serviceidentity.token;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.warden.serviceidentity.GrantException;
import dev.warden.serviceidentity.ServiceKey;
import dev.warden.serviceidentity.SignedGrants;

/**
 * The gateway's API token grants: signed with its own service key ({@code WARDEN_SERVICE_KEY}, {@code typ}
 * {@code warden-token+jwt}, issuer and audience the gateway), verified against that key's public half and the
 * public halves of the keys it used before ({@code WARDEN_SERVICE_PREVIOUSKEYS}), so tokens outlive a rotation.
 */
public final class TokenGrants {

	public static final JOSEObjectType TYPE = new JOSEObjectType("warden-token+jwt");

	/** Who signs and who checks token grants. */
	public static final String GATEWAY = "gateway";

	/** A token lives at most 12 calendar months; a grant a little longer, so it never ends before its token. */
	public static final Duration LIFETIME = Duration.ofDays(368);

	private final JWSSigner signer;

	private final String keyId;

	private final SignedGrants grants;

	private final Clock clock;

	/**
	 * @param key the gateway's own key
	 * @param previousKeys public JWKs (a JWK Set) of keys the gateway signed grants with before, or blank
	 */
	public TokenGrants(ServiceKey key, String previousKeys, Clock clock) {
		this.signer = key.signer();
		this.keyId = key.keyId();
		String publicKeys = previousKeys == null || previousKeys.isBlank() ? key.publicJson()
				: "{\"keys\":[" + key.publicJson() + "," + unwrap(previousKeys) + "]}";
		this.grants = new SignedGrants("WARDEN_SERVICE_KEY and WARDEN_SERVICE_PREVIOUSKEYS", publicKeys, TYPE, GATEWAY,
				GATEWAY, "th", clock);
		this.clock = clock;
	}

	/** A grant for a token being created now by {@code userId}, who holds {@code roles}. */
	public String sign(String userId, java.util.List<String> roles, String tokenHash) {
		java.time.Instant now = this.clock.instant();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(GATEWAY)
			.audience(GATEWAY)
			.subject(userId)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(LIFETIME)))
			.claim("roles", roles)
			.claim("th", tokenHash)
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(TYPE).keyID(this.keyId).build(),
				claims);
		try {
			jwt.sign(this.signer);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not sign a token grant", ex);
		}
		return jwt.serialize();
	}

	/** The grant, if the gateway signed it for the token whose hash is {@code tokenHash}. */
	public TokenGrant verify(String grant, String tokenHash) throws GrantException {
		if (tokenHash == null) {
			throw new GrantException("no token to bind the grant to");
		}
		JWTClaimsSet claims = this.grants.verify(grant, tokenHash);
		return new TokenGrant(claims.getSubject(), SignedGrants.list(claims, "roles"), SignedGrants.text(claims, "th"),
				claims.getExpirationTime().toInstant());
	}

	/** The keys of a JWK Set, or a single JWK, as the members of a {@code keys} array. */
	private static String unwrap(String jwks) {
		try {
			String json = jwks.strip();
			if (!json.contains("\"keys\"")) {
				return com.nimbusds.jose.jwk.JWK.parse(json).toPublicJWK().toJSONString();
			}
			return String.join(",", com.nimbusds.jose.jwk.JWKSet.parse(json)
				.getKeys()
				.stream()
				.map((key) -> key.toPublicJWK().toJSONString())
				.toList());
		}
		catch (java.text.ParseException ex) {
			throw new IllegalArgumentException("WARDEN_SERVICE_PREVIOUSKEYS is not a valid JWK Set");
		}
	}
}
