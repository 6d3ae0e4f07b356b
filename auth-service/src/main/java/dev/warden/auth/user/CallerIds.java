package dev.warden.auth.user;

import java.util.UUID;

import dev.warden.support.identity.WardenPrincipal;
import dev.warden.support.problem.ProblemException;

import org.springframework.http.HttpStatus;

/**
 * The caller's user id as auth-service knows it; a subject that cannot be one of its
 * users is a 401.
 */
public final class CallerIds {

	private CallerIds() {
	}

	public static UUID userId(WardenPrincipal caller) {
		try {
			return UUID.fromString(caller.userId());
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw unknownUser();
		}
	}

	public static ProblemException unknownUser() {
		return new ProblemException(HttpStatus.UNAUTHORIZED, "unauthenticated", "Unauthenticated",
				"The signed-in user does not exist.");
	}

}
