package dev.warden.auth.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * Writes the session cookie the gateway reads ({@code warden.cookie.*}, the same keys as
 * the gateway's): HttpOnly, SameSite=Lax, Path=/, and when secure (the default)
 * {@code Secure} with the {@code __Host-} prefix so no sub-domain or plain-http page can
 * set or overwrite it.
 */
@Component
public class SessionCookie {

	private final CookieSettings settings;

	private final Clock clock;

	SessionCookie(CookieSettings settings, Clock clock) {
		this.settings = settings;
		this.clock = clock;
	}

	public String name() {
		return this.settings.effectiveName();
	}

	/**
	 * The {@code Set-Cookie} header for a session, living until the session's absolute
	 * end.
	 */
	public String issue(SessionClient.IssuedSession session) {
		Instant now = this.clock.instant();
		Duration maxAge = session.expiresAt() == null || !session.expiresAt().isAfter(now) ? Duration.ofHours(12)
				: Duration.between(now, session.expiresAt());
		return cookie(session.secret(), maxAge).toString();
	}

	/** The {@code Set-Cookie} header that removes the cookie from the browser. */
	public String clear() {
		return cookie("", Duration.ZERO).toString();
	}

	public static String header() {
		return HttpHeaders.SET_COOKIE;
	}

	private ResponseCookie cookie(String value, Duration maxAge) {
		return ResponseCookie.from(this.settings.effectiveName(), value)
			.path("/")
			.httpOnly(true)
			.secure(this.settings.secure())
			.sameSite("Lax")
			.maxAge(maxAge)
			.build();
	}

}
