package dev.warden.serviceidentity.session;

import java.time.Duration;

import com.nimbusds.jose.JOSEObjectType;

/** What both ends of a session grant agree on. */
public final class SessionGrants {

	/**
	 * The JOSE {@code typ} of a grant (RFC 8725 §3.11), so it can never pass for a
	 * service token or a user's JWT.
	 */
	public static final JOSEObjectType TYPE = new JOSEObjectType("warden-session+jwt");

	/** Who signs grants ({@code iss}). */
	public static final String ISSUER = "auth-service";

	/** Who verifies them ({@code aud}). */
	public static final String AUDIENCE = "gateway";

	/** Clock difference tolerated between auth-service and the gateway. */
	public static final Duration CLOCK_SKEW = dev.warden.serviceidentity.SignedGrants.CLOCK_SKEW;

	private SessionGrants() {
	}

}
