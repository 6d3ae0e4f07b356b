package dev.warden.token.lifecycle;

import java.util.List;

import dev.warden.support.problem.FieldProblem;
import dev.warden.support.problem.ProblemException;
import dev.warden.support.problem.Problems;

import org.springframework.http.HttpStatus;

/** The problems of managing API tokens, each with its stable code. */
public final class TokenErrors {

	private TokenErrors() {
	}

	public static ProblemException validityOutOfRange() {
		return Problems.validation(List.of(new FieldProblem("validityMonths", "validity_out_of_range",
				"Choose a validity of 1 to 12 months (a whole number).")));
	}

	static ProblemException nameTaken() {
		return Problems.validation(
				List.of(new FieldProblem("name", "name_taken", "You already have an active token with this name.")));
	}

	public static ProblemException roleNotAllowed() {
		return new ProblemException(HttpStatus.FORBIDDEN, "role_not_allowed", "Role not allowed",
				"A token can only have a role you hold yourself.");
	}

	static ProblemException tooManyTokens(int limit) {
		return new ProblemException(HttpStatus.CONFLICT, "token_limit_reached", "Too many tokens",
				"You have " + limit + " active tokens, the most allowed. Revoke one first.");
	}

	/**
	 * The gateway sends both on every creation; without them there is nothing the gateway
	 * would believe.
	 */
	static ProblemException grantMissing() {
		return Problems.badRequest("token_grant_missing",
				"A token is created through the gateway, which sends its value and the grant it signed for it.");
	}

	/**
	 * The gateway makes a new value for each creation; one already stored is never stored
	 * twice.
	 */
	static ProblemException tokenExists() {
		return new ProblemException(HttpStatus.CONFLICT, "token_exists", "Token exists",
				"A token with this value exists already; make a new value.");
	}

	static ProblemException notFound() {
		return Problems.notFound("token_not_found", "You have no token with this id.");
	}

	public static ProblemException sessionRequired() {
		return Problems.forbidden("session_required",
				"Managing API tokens needs a signed-in session; an API token cannot manage tokens.");
	}

}
