package dev.warden.auth.session;

import dev.warden.serviceidentity.session.SessionCookies;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param secure whether the cookie is {@code Secure} and {@code __Host-} prefixed
 * ({@code WARDEN_COOKIE_SECURE})
 * @param name the base name
 */
@ConfigurationProperties("warden.cookie")
public record CookieSettings(Boolean secure, String name) {

	public CookieSettings {
		secure = secure == null ? Boolean.TRUE : secure;
		name = name == null || name.isBlank() ? SessionCookies.DEFAULT_NAME : name;
	}

	String effectiveName() {
		return SessionCookies.name(this.name, this.secure);
	}
}
