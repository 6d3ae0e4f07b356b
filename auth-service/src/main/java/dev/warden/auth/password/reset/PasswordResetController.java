package dev.warden.auth.password.reset;

import dev.warden.auth.session.ClientInfo;
import dev.warden.support.apidocs.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/auth/password-reset} (202, always the same) and
 * {@code POST /api/auth/password-reset/confirm} (204).
 */
@RestController
@RequestMapping("/api/auth/password-reset")
@Tag(name = "Password reset", description = "A forgotten password replaced with a code sent by mail.")
class PasswordResetController {

	private final PasswordResetService resets;

	PasswordResetController(PasswordResetService resets) {
		this.resets = resets;
	}

	@PostMapping
	@Operation(operationId = "requestPasswordReset", summary = "Send a password reset code to an address",
			description = "Always 202 with the same body, whether or not an account uses the address. An account gets "
					+ "at most a few codes an hour; each works for 15 minutes, once, and replaces the one before.")
	@ApiResponse(responseCode = "202", description = "Taken; a code is mailed if an account uses the address.",
			useReturnTypeSchema = true)
	@ProblemResponse(status = 503, codes = "service_unavailable", description = "Too many requests are waiting.")
	ResponseEntity<Accepted> request(@Valid @RequestBody PasswordResetRequest request, HttpServletRequest http) {
		this.resets.request(request.email(), ClientInfo.of(http));
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(Accepted.ANSWER);
	}

	@PostMapping("/confirm")
	@Operation(operationId = "confirmPasswordReset", summary = "Set a new password with the code from the mail",
			description = "Field codes in errors: reset_code_invalid (wrong, expired, replaced or used; counted like "
					+ "a wrong password), second_factor_required (the user has two-factor on), confirmation_mismatch "
					+ "and policy.*. Every session of the user ends.")
	@ProblemResponse(status = 429, codes = { "login_throttled", "account_locked", "second_factor_throttled" },
			description = "Too many wrong attempts for this account; see retryAfterSeconds.")
	ResponseEntity<Void> confirm(@Valid @RequestBody PasswordResetConfirmation confirmation, HttpServletRequest http) {
		this.resets.confirm(confirmation, ClientInfo.of(http));
		return ResponseEntity.noContent().build();
	}

	/** The one answer to every request. */
	record Accepted(String message) {

		static final Accepted ANSWER = new Accepted(
				"If an account uses this address, a reset code is on its way. It works for 15 minutes.");

	}

}
