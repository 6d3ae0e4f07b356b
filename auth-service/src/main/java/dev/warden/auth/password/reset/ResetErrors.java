package dev.warden.auth.password.reset;

import java.util.List;

import dev.warden.support.problem.FieldProblem;
import dev.warden.support.problem.ProblemException;
import dev.warden.support.problem.Problems;

import org.springframework.http.HttpStatus;

/** The problems of resetting a password. */
final class ResetErrors {

	private ResetErrors() {
	}

	/** Wrong, expired, replaced and spent codes alike: nobody learns which. */
	static ProblemException codeInvalid() {
		return Problems.validation(List.of(new FieldProblem("code", "reset_code_invalid",
				"This reset code is not right or no longer works. Ask for a new one.")));
	}

	static ProblemException secondFactorRequired() {
		return Problems.validation(List.of(new FieldProblem("secondFactor", "second_factor_required",
				"Enter a code from your authenticator app or one of your recovery codes, or use a passkey of yours. "
						+ "Without any, ask an administrator to reset your two-factor authentication.")));
	}

	static ProblemException passkeyRequired() {
		return Problems.validation(List.of(new FieldProblem("secondFactor", "second_factor_required",
				"Confirm with one of your passkeys. Without one, ask an administrator to reset your two-factor "
						+ "authentication.")));
	}

	static ProblemException secondFactorInvalid() {
		return Problems.validation(List.of(new FieldProblem("secondFactor", "code_invalid",
				"This code is not valid (wrong, expired, or already used).")));
	}

	static ProblemException busy() {
		return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "service_unavailable", "Busy",
				"Too many reset requests at the moment. Try again in a minute.");
	}

}
