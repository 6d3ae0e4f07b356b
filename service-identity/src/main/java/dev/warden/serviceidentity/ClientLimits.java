package dev.warden.serviceidentity;

import org.jspecify.annotations.Nullable;

/**
 * How much is said about a client as a request passes from the gateway to the services:
 * its address and its User-Agent, each bounded the same everywhere.
 */
public final class ClientLimits {

	/** The longest client address accepted as text (an IPv6 literal with a zone fits). */
	public static final int MAX_ADDRESS = 64;

	/** The longest User-Agent kept; a longer one is cut to this length. */
	public static final int MAX_USER_AGENT = 1024;

	private ClientLimits() {
	}

	/** The User-Agent as kept: cut to {@link #MAX_USER_AGENT}. */
	public static @Nullable String userAgent(@Nullable String userAgent) {
		return (userAgent != null && userAgent.length() > MAX_USER_AGENT) ? userAgent.substring(0, MAX_USER_AGENT)
				: userAgent;
	}

}
