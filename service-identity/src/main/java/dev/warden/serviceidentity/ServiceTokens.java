package dev.warden.serviceidentity;

import java.time.Duration;

import com.nimbusds.jose.JOSEObjectType;

/** What service tokens have in common, as both ends must agree on it. */
public final class ServiceTokens {

	/**
	 * The JOSE {@code typ} of a service token (RFC 8725 §3.11: explicit typing), so that
	 * it can never pass for a user's internal JWT nor the reverse.
	 */
	public static final JOSEObjectType TYPE = new JOSEObjectType("warden-service+jwt");

	/** How long a minted token is valid; a callee refuses anything longer. */
	public static final Duration LIFETIME = Duration.ofSeconds(60);

	/** Clock difference tolerated between caller and callee. */
	public static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

	private ServiceTokens() {
	}

}
