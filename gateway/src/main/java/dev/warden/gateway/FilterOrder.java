package dev.warden.gateway;

import org.springframework.core.Ordered;

/**
 * The order of the gateway's own filters, in the one place it can be read top to bottom.
 * Web filters run first, around everything; the global filters run afterwards, inside the
 * route, interleaved with Spring Cloud Gateway's own (which routing comes last among).
 */
public final class FilterOrder {

	// Web filters, on every request (routed, actuator and errors alike).

	/**
	 * The actuator answers only on the management port (when it has one): 404 on the
	 * public one.
	 */
	public static final int PUBLIC_PORT_ACTUATOR = Ordered.HIGHEST_PRECEDENCE;

	/** Security headers on every answer, the gateway's own refusals included. */
	public static final int SECURITY_HEADERS = Ordered.HIGHEST_PRECEDENCE + 1;

	/** Logs each request, refused or not, with its outcome. */
	public static final int ACCESS_LOG = Ordered.HIGHEST_PRECEDENCE + 2;

	/**
	 * Malformed paths, overlong URIs and vague content types are refused before anything
	 * reads them.
	 */
	public static final int REQUEST_SHAPE = Ordered.HIGHEST_PRECEDENCE + 5;

	/** Bodies over the limit are refused before they are read. */
	public static final int BODY_SIZE = Ordered.HIGHEST_PRECEDENCE + 10;

	/** Cross-site requests are refused before anyone is authenticated for them. */
	public static final int CSRF = Ordered.HIGHEST_PRECEDENCE + 20;

	// Global filters, on routed requests.

	/**
	 * Who is calling, and whether they may: before every route filter, so an
	 * unauthenticated request never counts against a service's breaker.
	 */
	public static final int AUTHENTICATION = Ordered.HIGHEST_PRECEDENCE + 100;

	/** After authentication, so per-user limits know the user. */
	public static final int RATE_LIMIT = Ordered.HIGHEST_PRECEDENCE + 200;

	/** Late, after authentication, but before the routing filters send the request. */
	public static final int IDENTITY_HEADERS = Ordered.LOWEST_PRECEDENCE - 100;

	private FilterOrder() {
	}

}
