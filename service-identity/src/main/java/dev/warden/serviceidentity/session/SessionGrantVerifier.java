package dev.warden.serviceidentity.session;

import org.jspecify.annotations.Nullable;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.warden.serviceidentity.Claims;
import dev.warden.serviceidentity.GrantException;
import dev.warden.serviceidentity.SignedGrants;

/**
 * Checks a session grant against auth-service's public key (or keys, while it is
 * rotated): ES256 and the grant type only, issuer auth-service, audience the gateway, not
 * past the session's end, and bound to the cookie value presented ({@code sh}). Only then
 * are its claims the caller's identity.
 */
public final class SessionGrantVerifier {

	private final SignedGrants grants;

	/**
	 * @param setting the setting the key came from, named in a failure (never key
	 * material)
	 * @param publicJwk auth-service's public P-256 JWK, or a JWK Set of them while its
	 * key is rotated
	 */
	public SessionGrantVerifier(String setting, String publicJwk, Clock clock) {
		this.grants = new SignedGrants(setting, publicJwk, SessionGrants.TYPE, SessionGrants.ISSUER,
				SessionGrants.AUDIENCE, Claims.SECRET_HASH, clock);
	}

	/**
	 * The grant, if it is auth-service's and for the cookie value whose hash is
	 * {@code secretHash}.
	 */
	public SessionGrant verify(@Nullable String grant, String secretHash) throws GrantException {
		if (secretHash == null) {
			throw new GrantException("no cookie to bind the grant to");
		}
		return read(this.grants.verify(grant, secretHash));
	}

	/**
	 * The grant, if it is auth-service's, whatever cookie it was for: for auth-service
	 * itself, which renews a session from the grant it issued before (and gives the new
	 * one to the new cookie value).
	 */
	public SessionGrant verifyIssued(@Nullable String grant) throws GrantException {
		return read(this.grants.verify(grant, null));
	}

	private static SessionGrant read(JWTClaimsSet claims) throws GrantException {
		try {
			// Every claim the gateway acts on must be there: a flag left out is not taken
			// to be off.
			if (claims.getStringClaim(Claims.SESSION_ID) == null || claims.getLongClaim(Claims.AUTH_TIME) == null
					|| claims.getBooleanClaim(Claims.PASSWORD_CHANGE_REQUIRED) == null
					|| claims.getBooleanClaim(Claims.TWO_FACTOR_SETUP_REQUIRED) == null) {
				throw new GrantException("incomplete grant");
			}
			return new SessionGrant(claims.getSubject(), claims.getStringClaim(Claims.SESSION_ID),
					SignedGrants.list(claims, Claims.ROLES), SignedGrants.list(claims, Claims.AUTH_METHODS),
					Instant.ofEpochSecond(claims.getLongClaim(Claims.AUTH_TIME)),
					Boolean.TRUE.equals(claims.getBooleanClaim(Claims.PASSWORD_CHANGE_REQUIRED)),
					Boolean.TRUE.equals(claims.getBooleanClaim(Claims.TWO_FACTOR_SETUP_REQUIRED)),
					claims.getStringClaim(Claims.SECRET_HASH), claims.getExpirationTime().toInstant());
		}
		catch (ParseException ex) {
			throw new GrantException("malformed claim");
		}
	}

}
