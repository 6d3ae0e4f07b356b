package dev.warden.auth.login;

import java.util.List;
import java.util.Objects;

import dev.warden.auth.session.ClientInfo;
import dev.warden.auth.session.SessionClient.IssuedSession;
import dev.warden.auth.session.SessionCookie;
import dev.warden.auth.user.CallerIds;
import dev.warden.support.apidocs.ProblemResponse;
import dev.warden.support.identity.WardenPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.warden.support.problem.FieldProblem;
import dev.warden.support.problem.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import dev.warden.support.validation.WellFormedText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.jspecify.annotations.Nullable;

/**
 * Sign-in, sign-out and re-authentication. The session's secret leaves only in the
 * HttpOnly cookie, never in a body, so page scripts cannot read it.
 */
@RestController
@RequestMapping("/api/auth")
@Tag(name = "Signing in", description = "Sign-in with a password and a second factor, sign-out, re-authentication.")
class LoginController {

	private final LoginService logins;

	private final SessionCookie cookie;

	LoginController(LoginService logins, SessionCookie cookie) {
		this.logins = logins;
		this.cookie = cookie;
	}

	@PostMapping("/login")
	@ProblemResponse(status = 503, codes = "sessions_unavailable", description = "session-service is not answering.")
	@Operation(operationId = "signIn", summary = "Sign in with e-mail and password",
			description = "AUTHENTICATED sets the session cookie; MFA_REQUIRED gives the token for the second step. "
					+ "A wrong e-mail, a wrong password and a locked account give the same 401.")
	@ApiResponse(responseCode = "200", description = "Signed in, or the second factor is needed.",
			content = @Content(mediaType = "application/json",
					schema = @Schema(oneOf = { Authenticated.class, MfaRequired.class })))
	@ProblemResponse(status = 401, codes = "invalid_credentials", description = "The e-mail or password is wrong.")
	@ProblemResponse(status = 429, codes = { "login_throttled", "account_locked" },
			description = "Too many failed sign-ins for this account; see retryAfterSeconds.")
	ResponseEntity<LoginAnswer> login(@Valid @RequestBody Credentials credentials, HttpServletRequest request) {
		return answer(this.logins.login(credentials.email(), credentials.password(), ClientInfo.of(request),
				ReplacedSession.of(request)));
	}

	@PostMapping("/login/mfa")
	@ProblemResponse(status = 503, codes = "sessions_unavailable", description = "session-service is not answering.")
	@Operation(operationId = "completeSignIn", summary = "Complete a sign-in with a TOTP code or a recovery code")
	@ApiResponse(responseCode = "200", description = "Signed in; the session cookie is set.",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = Authenticated.class)))
	@ProblemResponse(status = 401, codes = { "mfa_token_invalid", "invalid_credentials" },
			description = "The sign-in step has expired or was used, or the code is wrong.")
	@ProblemResponse(status = 429, codes = "second_factor_throttled",
			description = "Too many wrong codes for this account; see retryAfterSeconds.")
	ResponseEntity<LoginAnswer> secondStep(@Valid @RequestBody SecondStep step, HttpServletRequest request) {
		return answer(this.logins.completeMfa(step.mfaToken(), step.code(), ClientInfo.of(request),
				ReplacedSession.of(request)));
	}

	private ResponseEntity<LoginAnswer> answer(LoginService.SignedIn signedIn) {
		IssuedSession session = signedIn.session();
		if (session == null) {
			return ResponseEntity.ok(new MfaRequired(MfaRequired.STATUS, Objects.requireNonNull(signedIn.mfaToken())));
		}
		return ResponseEntity.ok()
			.header(SessionCookie.header(), this.cookie.issue(session))
			.body(new Authenticated(Authenticated.STATUS, signedIn.passwordChangeRequired(),
					signedIn.twoFactorSetupRequired()));
	}

	@PostMapping("/logout")
	@ProblemResponse(status = 503, codes = "sessions_unavailable", description = "session-service is not answering.")
	@Operation(operationId = "signOut", summary = "Sign out: the session ends and its cookie is cleared")
	@ProblemResponse(status = 403, codes = "session_required", description = "Not a signed-in session.")
	ResponseEntity<Void> logout(@AuthenticationPrincipal Jwt jwt, HttpServletRequest request,
			HttpServletResponse response) {
		WardenPrincipal caller = WardenPrincipal.from(jwt);
		if (caller.sessionId() == null) {
			throw Problems.forbidden("session_required", "Only a signed-in session can sign out.");
		}
		// Set first: the browser forgets the cookie even when the answer is a 503 (the
		// session may still be live).
		response.addHeader(SessionCookie.header(), this.cookie.clear());
		this.logins.logout(CallerIds.userId(caller), caller.sessionId(), ClientInfo.of(request));
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/reauthenticate")
	@ProblemResponse(status = 503, codes = "sessions_unavailable", description = "session-service is not answering.")
	@Operation(operationId = "reauthenticate",
			summary = "Confirm the password (and a code, once two-factor is on) before a sensitive action",
			description = "Renews the session cookie; sensitive actions work for a while after.")
	@ProblemResponse(status = 401, codes = "invalid_credentials", description = "The session ended meanwhile.")
	@ProblemResponse(status = 403, codes = "session_required", description = "Not a signed-in session.")
	@ProblemResponse(status = 429, codes = { "login_throttled", "account_locked", "second_factor_throttled" },
			description = "Too many wrong passwords or codes for this account; see retryAfterSeconds.")
	ResponseEntity<Void> reauthenticate(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody Reauthentication proof,
			HttpServletRequest request) {
		WardenPrincipal caller = WardenPrincipal.from(jwt);
		if (caller.sessionId() == null) {
			throw Problems.forbidden("session_required", "Only a signed-in session can re-authenticate.");
		}
		if (proof.password() == null && proof.code() == null) {
			throw Problems.validation(List.of(new FieldProblem("password", "required",
					"Enter your password, or a code from your authenticator app.")));
		}
		IssuedSession renewed = this.logins.reauthenticate(CallerIds.userId(caller), caller.sessionId(),
				proof.password(), proof.code(), ClientInfo.of(request));
		return ResponseEntity.noContent().header(SessionCookie.header(), this.cookie.issue(renewed)).build();
	}

	record Credentials(@Schema(example = "ada@example.com") @NotBlank @Size(max = 254) @WellFormedText String email,
			@Schema(example = "correct horse battery staple") @NotNull @Size(
					max = 4096) @WellFormedText String password) {

		@Override
		public String toString() {
			return "Credentials[<hidden>]";
		}
	}

	/** The second sign-in step: the token from the first, and a TOTP or recovery code. */
	record SecondStep(@NotBlank @Size(max = 100) @WellFormedText String mfaToken,
			@Schema(example = "492039") @NotBlank @Size(max = 32) @WellFormedText String code) {

		@Override
		public String toString() {
			return "SecondStep[<hidden>]";
		}
	}

	/** A password, or (once two-factor authentication is set up) a current code. */
	record Reauthentication(
			@Schema(example = "correct horse battery staple") @Nullable @Size(
					max = 4096) @WellFormedText String password,
			@Schema(example = "492039") @Nullable @Size(max = 32) @WellFormedText String code) {

		@Override
		public String toString() {
			return "Reauthentication[<hidden>]";
		}
	}

	/** The answer to a sign-in step. */
	sealed interface LoginAnswer permits Authenticated, MfaRequired {

	}

	/**
	 * Signed in: the session cookie is set. The flags say what the session must do first
	 * (every other call answers 403 until it is done).
	 */
	record Authenticated(@Schema(allowableValues = STATUS) String status, boolean passwordChangeRequired,
			boolean twoFactorSetupRequired) implements LoginAnswer {

		static final String STATUS = "AUTHENTICATED";

	}

	/** The password was right; the second step needs this token and a code. */
	record MfaRequired(@Schema(allowableValues = STATUS) String status, String mfaToken) implements LoginAnswer {

		static final String STATUS = "MFA_REQUIRED";

		@Override
		public String toString() {
			return "MfaRequired[<hidden>]";
		}

	}

}
