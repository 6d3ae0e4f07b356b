package dev.warden.auth.password.change;

import dev.warden.support.apidocs.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.warden.auth.session.ClientInfo;
import dev.warden.auth.session.SessionClient.IssuedSession;
import dev.warden.auth.session.SessionCookie;
import dev.warden.auth.user.CallerIds;
import dev.warden.support.identity.WardenPrincipal;
import dev.warden.support.problem.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/security/password}: 204 and, when the session was renewed, its new
 * cookie.
 */
@RestController
class PasswordChangeController {

	private final PasswordChangeService passwords;

	private final SessionCookie cookie;

	PasswordChangeController(PasswordChangeService passwords, SessionCookie cookie) {
		this.passwords = passwords;
		this.cookie = cookie;
	}

	@PostMapping("/api/security/password")
	@Tag(name = "Password", description = "Changing the password, and the rules it must meet.")
	@ProblemResponse(status = 503, codes = "sessions_unavailable", description = "session-service is not answering.")
	@Operation(operationId = "changePassword", summary = "Change the password",
			description = "Field codes in errors: current_password_invalid (answered alone), confirmation_mismatch, "
					+ "and policy.* for each rule broken. Other sessions end unless signOutOtherSessions is false; "
					+ "the current session gets a new cookie.")
	@ProblemResponse(status = 403, codes = "session_required", description = "Not a signed-in session.")
	@ProblemResponse(status = 429, codes = { "login_throttled", "account_locked" },
			description = "Too many wrong current passwords for this account; see retryAfterSeconds.")
	ResponseEntity<Void> change(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody PasswordChange change,
			HttpServletRequest request) {
		WardenPrincipal caller = WardenPrincipal.from(jwt);
		if (caller.sessionId() == null) {
			throw Problems.forbidden("session_required", "Changing the password needs a signed-in session.");
		}
		IssuedSession renewed = this.passwords.change(CallerIds.userId(caller), caller.sessionId(), change,
				ClientInfo.of(request));
		ResponseEntity.HeadersBuilder<?> response = ResponseEntity.noContent();
		if (renewed != null) {
			response.header(SessionCookie.header(), this.cookie.issue(renewed));
		}
		return response.build();
	}

}
