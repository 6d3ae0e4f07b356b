package dev.warden.gateway.authentication;

import dev.warden.gateway.identity.CallerIdentity;
import dev.warden.gateway.problem.GatewayProblem;
import org.jspecify.annotations.Nullable;

/**
 * What the credential a request presented turned out to be: a caller, or the reason none
 * is.
 */
sealed interface Resolution {

	/**
	 * Someone the gateway could establish; {@link AccessPolicy#decide} says what they may
	 * do.
	 */
	sealed interface Caller extends Resolution {

	}

	/**
	 * No one, on a path that needs no one (signing in).
	 *
	 * @param replaces the live session a sign-in replaces, or {@code null}
	 * @param replacedCookie that session's cookie, or {@code null}
	 */
	record Anonymous(CallerIdentity.@Nullable PreviousSession replaces,
			@Nullable String replacedCookie) implements Caller {

		static final Anonymous NO_ONE = new Anonymous(null, null);

	}

	/** A live session, by its cookie. */
	record Session(String cookie, SessionIntrospection session) implements Caller {
	}

	/** A live API token. */
	record Token(TokenIntrospection token) implements Caller {
	}

	/**
	 * No credential, one that is not (or no longer) valid, or one that cannot be checked
	 * right now.
	 *
	 * @param challenge the {@code WWW-Authenticate} value to answer with, or {@code null}
	 * @param clearsCookie whether the browser's session cookie is dead and is to be
	 * cleared
	 */
	record Refused(GatewayProblem problem, @Nullable String challenge, boolean clearsCookie) implements Resolution {
	}

}
