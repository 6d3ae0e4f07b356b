package dev.warden.serviceidentity.session;

import java.util.Date;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.warden.serviceidentity.Claims;
import dev.warden.serviceidentity.ServiceKey;

/**
 * Signs session grants with auth-service's own key (ES256, {@code typ}
 * {@code warden-session+jwt}).
 */
public final class SessionGrantSigner {

	private final JWSSigner signer;

	private final String keyId;

	private final java.time.Clock clock;

	public SessionGrantSigner(ServiceKey key, java.time.Clock clock) {
		this.signer = key.signer();
		this.keyId = key.keyId();
		this.clock = clock;
	}

	public String sign(SessionGrant grant) {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(SessionGrants.ISSUER)
			.audience(SessionGrants.AUDIENCE)
			.subject(grant.userId())
			.issueTime(Date.from(this.clock.instant()))
			.expirationTime(Date.from(grant.expiresAt()))
			.claim(Claims.SESSION_ID, grant.sessionId())
			.claim(Claims.ROLES, grant.roles())
			.claim(Claims.AUTH_METHODS, grant.authMethods())
			.claim(Claims.AUTH_TIME, grant.authenticatedAt().getEpochSecond())
			.claim(Claims.PASSWORD_CHANGE_REQUIRED, grant.passwordChangeRequired())
			.claim(Claims.TWO_FACTOR_SETUP_REQUIRED, grant.twoFactorSetupRequired())
			.claim(Claims.SECRET_HASH, grant.secretHash())
			.build();
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.ES256).type(SessionGrants.TYPE).keyID(this.keyId).build(), claims);
		try {
			jwt.sign(this.signer);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not sign a session grant", ex);
		}
		return jwt.serialize();
	}

}
