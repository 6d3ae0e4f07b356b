package dev.warden.serviceidentity.session;

/**
 * The session cookie's name, as auth-service sets it and the gateway reads it
 * ({@code WARDEN_COOKIE_NAME}, {@code WARDEN_COOKIE_SECURE}).
 */
public final class SessionCookies {

	/** The base name unless configured otherwise. */
	public static final String DEFAULT_NAME = "warden_session";

	private SessionCookies() {
	}

	/**
	 * The name on the wire: a secure cookie carries the {@code __Host-} prefix, which
	 * browsers accept only from HTTPS, without Domain and with Path=/ (RFC 6265bis
	 * §4.1.3.2), so no sub-domain or plain-http page can set or shadow it.
	 */
	public static String name(String baseName, boolean secure) {
		return secure ? "__Host-" + baseName : baseName;
	}

}
