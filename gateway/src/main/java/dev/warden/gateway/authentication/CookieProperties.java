package dev.warden.gateway.authentication;

import dev.warden.serviceidentity.session.SessionCookies;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The session cookie ({@code WARDEN_COOKIE_SECURE}). Secure by default, and then named
 * with the {@code __Host-} prefix, which browsers accept only from HTTPS, without Domain
 * and with Path=/ (RFC 6265bis §4.1.3.2); set {@code secure=false} only to run on plain
 * http locally.
 */
@ConfigurationProperties("warden.cookie")
public record CookieProperties(@DefaultValue("true") boolean secure,
		@DefaultValue(SessionCookies.DEFAULT_NAME) String name) {

	public String effectiveName() {
		return SessionCookies.name(this.name, this.secure);
	}
}
