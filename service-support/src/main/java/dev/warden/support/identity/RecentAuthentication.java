package dev.warden.support.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import dev.warden.serviceidentity.Claims;
import dev.warden.support.problem.ProblemException;

import org.springframework.http.HttpStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Guards sensitive actions with a recent authentication, like GitHub's sudo mode and
 * Keycloak's max auth age (OWASP ASVS 5.0 7.5.1, 7.5.2): the internal JWT's
 * {@code auth_time} (OpenID Connect Core §2) must be within the window, else 403
 * {@code reauthentication_required}.
 */
public final class RecentAuthentication {

	public static final String AUTH_TIME = Claims.AUTH_TIME;

	private final Duration window;

	private final Clock clock;

	public RecentAuthentication(Duration window, Clock clock) {
		this.window = window;
		this.clock = clock;
	}

	static final String CODE = "reauthentication_required";

	static final String TITLE = "Reauthentication required";

	static final String DETAIL = "This action needs a recent sign-in. Confirm your password (or code) and try again.";

	public void require(Jwt jwt) {
		if (!isRecent(jwt)) {
			throw new ProblemException(HttpStatus.FORBIDDEN, CODE, TITLE, DETAIL);
		}
	}

	/**
	 * How long the token's sign-in stays recent enough for sensitive actions: zero once
	 * past, {@code null} when the token carries no sign-in time (an API token).
	 */
	public @Nullable Duration remaining(Jwt jwt) {
		Instant authenticatedAt = jwt.getClaimAsInstant(AUTH_TIME);
		if (authenticatedAt == null) {
			return null;
		}
		Duration left = Duration.between(this.clock.instant(), authenticatedAt.plus(this.window));
		return left.isNegative() ? Duration.ZERO : left;
	}

	/** Whether the token's {@code auth_time} is within the window. */
	public boolean isRecent(Jwt jwt) {
		Instant authenticatedAt = jwt.getClaimAsInstant(AUTH_TIME);
		return authenticatedAt != null && !authenticatedAt.plus(this.window).isBefore(this.clock.instant());
	}

}
