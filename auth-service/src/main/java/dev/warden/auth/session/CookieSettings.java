package dev.warden.auth.session;

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
		name = name == null || name.isBlank() ? "warden_session" : name;
	}

	String effectiveName() {
		return this.secure ? "__Host-" + this.name : this.name;
	}
}
