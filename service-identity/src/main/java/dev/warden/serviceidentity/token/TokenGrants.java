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
import dev.warden.serviceidentity.Claims;
import dev.warden.serviceidentity.GrantException;
import dev.warden.serviceidentity.ServiceKey;
import dev.warden.serviceidentity.SignedGrants;
import org.jspecify.annotations.Nullable;

/**
 * The gateway's API token grants: signed with its own service key
 * ({@code WARDEN_SERVICE_KEY}, {@code typ} {@code warden-token+jwt}, issuer and audience
 * the gateway), verified against that key's public half and the public halves of the keys
 * it used before ({@code WARDEN_SERVICE_PREVIOUSKEYS}), so tokens outlive a rotation.
 */
public final class TokenGrants {

	public static final JOSEObjectType TYPE = new JOSEObjectType("warden-token+jwt");

	/** Who signs and who checks token grants. */
	public static final String GATEWAY = "gateway";

	/**
	 * The header the gateway passes a new token's value in, for token-service to store
	 * (as a hash) and show the user once.
	 */
	public static final String VALUE_HEADER = "Warden-Token-Value";

	/** The header the gateway passes its grant for the new token in. */
	public static final String GRANT_HEADER = "Warden-Token-Grant";

	/**
	 * A grant ends this long after the validity the owner chose, so it never ends before
	 * its token.
	 */
	public static final Duration SLACK = Duration.ofDays(1);

	private final JWSSigner signer;

	private final String keyId;

	private final SignedGrants grants;

	private final Clock clock;

	/**
	 * @param key the gateway's own key
	 * @param previousKeys public JWKs (a JWK Set) of keys the gateway signed grants with
	 * before, or blank
	 */
	public TokenGrants(ServiceKey key, String previousKeys, Clock clock) {
		this.signer = key.signer();
		this.keyId = key.keyId();
		this.grants = new SignedGrants("WARDEN_SERVICE_KEY and WARDEN_SERVICE_PREVIOUSKEYS",
				SignedGrants.keySet(key.publicJson(), previousKeys), TYPE, GATEWAY, GATEWAY, Claims.TOKEN_HASH, clock);
		this.clock = clock;
	}

	/**
	 * A grant for a token {@code userId} is creating now with {@code role} (one the owner
	 * holds), valid for {@code validityMonths} calendar months as token-service counts
	 * them.
	 */
	public String sign(String userId, String role, int validityMonths, String tokenHash) {
		java.time.Instant now = this.clock.instant();
		java.time.Instant expires = now.atOffset(java.time.ZoneOffset.UTC)
			.plusMonths(validityMonths)
			.toInstant()
			.plus(SLACK);
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(GATEWAY)
			.audience(GATEWAY)
			.subject(userId)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(expires))
			.claim(Claims.ROLE, role)
			.claim(Claims.TOKEN_HASH, tokenHash)
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

	/**
	 * The grant, if the gateway signed it for the token whose hash is {@code tokenHash}.
	 */
	public TokenGrant verify(@Nullable String grant, String tokenHash) throws GrantException {
		if (tokenHash == null) {
			throw new GrantException("no token to bind the grant to");
		}
		JWTClaimsSet claims = this.grants.verify(grant, tokenHash);
		String role = SignedGrants.text(claims, Claims.ROLE);
		if (role == null) {
			throw new GrantException("incomplete grant");
		}
		return new TokenGrant(claims.getSubject(), role, SignedGrants.text(claims, Claims.TOKEN_HASH),
				claims.getExpirationTime().toInstant());
	}

}
