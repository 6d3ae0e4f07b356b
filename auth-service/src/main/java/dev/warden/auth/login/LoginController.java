package dev.warden.auth.login;

import java.util.List;
import java.util.Map;
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
import tools.jackson.databind.JsonNode;

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
	@Operation(operationId = "completeSignIn",
			summary = "Complete a sign-in with a TOTP code, a recovery code or a passkey",
			description = "Send code, or credential: the passkey's answer to the options of "
					+ "POST /api/auth/passkey/options with this mfaToken.")
	@ApiResponse(responseCode = "200", description = "Signed in; the session cookie is set.",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = Authenticated.class)))
	@ProblemResponse(status = 400, codes = { "validation_failed", "passkey_malformed" },
			description = "Neither a code nor a passkey, or not a passkey's answer.")
	@ProblemResponse(status = 401,
			codes = { "mfa_token_invalid", "invalid_credentials", "passkey_challenge_invalid", "passkey_unknown",
					"passkey_invalid" },
			description = "The sign-in step has expired or was used, the code is wrong, or the passkey did not verify.")
	@ProblemResponse(status = 409, codes = "two_factor_not_enabled",
			description = "A code for an account without the authenticator app: its second factor is a passkey.")
	@ProblemResponse(status = 429, codes = "second_factor_throttled",
			description = "Too many wrong codes for this account; see retryAfterSeconds.")
	ResponseEntity<LoginAnswer> secondStep(@Valid @RequestBody SecondStep step, HttpServletRequest request) {
		String credential = answerOf(step.credential());
		if (credential != null) {
			return answer(this.logins.completeMfaWithPasskey(step.mfaToken(), credential, ClientInfo.of(request),
					ReplacedSession.of(request)));
		}
		if (step.code() == null || step.code().isBlank()) {
			throw Problems.validation(List.of(new FieldProblem("code", "required",
					"Enter a code from your authenticator app, or use your passkey.")));
		}
		return answer(this.logins.completeMfa(step.mfaToken(), step.code(), ClientInfo.of(request),
				ReplacedSession.of(request)));
	}

	@PostMapping("/passkey/options")
	@Operation(operationId = "passkeySignInOptions",
			summary = "Options for navigator.credentials.get(): to sign in with a passkey, or with mfaToken for "
					+ "the second step",
			description = "PublicKeyCredentialRequestOptions as JSON. Without mfaToken any discoverable passkey "
					+ "may answer, unlocked by its PIN or biometrics; with one, the passkeys of that sign-in's user.")
	@ProblemResponse(status = 401, codes = "mfa_token_invalid",
			description = "The sign-in step has expired or was used.")
	@ProblemResponse(status = 409, codes = "no_passkey", description = "That sign-in's user has no passkey.")
	ResponseEntity<Map<String, Object>> passkeyOptions(
			@Valid @RequestBody(required = false) PasskeyOptionsRequest body) {
		String mfaToken = body == null ? null : body.mfaToken();
		Map<String, Object> options = mfaToken == null ? this.logins.signInPasskeyOptions()
				: this.logins.secondStepPasskeyOptions(mfaToken);
		return ResponseEntity.ok().header("Cache-Control", "no-store").body(options);
	}

	@PostMapping("/passkey")
	@ProblemResponse(status = 503, codes = "sessions_unavailable", description = "session-service is not answering.")
	@Operation(operationId = "signInWithPasskey", summary = "Sign in with a passkey alone",
			description = "The answer to the options of POST /api/auth/passkey/options. The same answer as a "
					+ "password sign-in; the session's methods are hwk (a key held by its device) or swk (one that "
					+ "may be synced).")
	@ApiResponse(responseCode = "200", description = "Signed in; the session cookie is set.",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = Authenticated.class)))
	@ProblemResponse(status = 400, codes = "passkey_malformed", description = "Not a passkey's answer.")
	@ProblemResponse(status = 401,
			codes = { "passkey_challenge_invalid", "passkey_unknown", "passkey_invalid",
					"passkey_user_verification_required", "invalid_credentials" },
			description = "The options expired or were used, the passkey is unknown or did not verify, it was not "
					+ "unlocked, or its account cannot sign in.")
	ResponseEntity<LoginAnswer> passkey(@Valid @RequestBody PasskeyAnswer body, HttpServletRequest request) {
		return answer(this.logins.signInWithPasskey(body.credential().toString(), ClientInfo.of(request),
				ReplacedSession.of(request)));
	}

	private ResponseEntity<LoginAnswer> answer(LoginService.SignedIn signedIn) {
		IssuedSession session = signedIn.session();
		if (session == null) {
			return ResponseEntity.ok(new MfaRequired(MfaRequired.STATUS, Objects.requireNonNull(signedIn.mfaToken()),
					signedIn.secondFactors()));
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
	@ProblemResponse(status = 401,
			codes = { "invalid_credentials", "passkey_challenge_invalid", "passkey_unknown", "passkey_invalid",
					"passkey_user_verification_required" },
			description = "The session ended meanwhile, or the passkey's answer was not accepted.")
	@ProblemResponse(status = 400, codes = { "validation_failed", "passkey_malformed" },
			description = "A factor is missing, or not a passkey's answer.")
	@ProblemResponse(status = 403, codes = "session_required", description = "Not a signed-in session.")
	@ProblemResponse(status = 429, codes = { "login_throttled", "account_locked", "second_factor_throttled" },
			description = "Too many wrong passwords or codes for this account; see retryAfterSeconds.")
	ResponseEntity<Void> reauthenticate(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody Reauthentication proof,
			HttpServletRequest request) {
		WardenPrincipal caller = WardenPrincipal.from(jwt);
		if (caller.sessionId() == null) {
			throw Problems.forbidden("session_required", "Only a signed-in session can re-authenticate.");
		}
		String passkey = answerOf(proof.passkey());
		if (proof.password() == null && proof.code() == null && passkey == null) {
			throw Problems.validation(List.of(new FieldProblem("password", "required",
					"Enter your password, or a code from your authenticator app.")));
		}
		IssuedSession renewed = this.logins.reauthenticate(CallerIds.userId(caller), caller.sessionId(),
				proof.password(), proof.code(), passkey, ClientInfo.of(request));
		return ResponseEntity.noContent().header(SessionCookie.header(), this.cookie.issue(renewed)).build();
	}

	@PostMapping("/reauthenticate/options")
	@Operation(operationId = "reauthenticationPasskeyOptions",
			summary = "Options for navigator.credentials.get() to confirm it is you with a passkey")
	@ProblemResponse(status = 403, codes = "session_required", description = "Not a signed-in session.")
	@ProblemResponse(status = 409, codes = "no_passkey", description = "The caller has no passkey.")
	ResponseEntity<Map<String, Object>> reauthenticationOptions(@AuthenticationPrincipal Jwt jwt) {
		WardenPrincipal caller = WardenPrincipal.from(jwt);
		if (caller.sessionId() == null) {
			throw Problems.forbidden("session_required", "Only a signed-in session can re-authenticate.");
		}
		return ResponseEntity.ok()
			.header("Cache-Control", "no-store")
			.body(this.logins.reauthenticationPasskeyOptions(CallerIds.userId(caller), caller.sessionId()));
	}

	/** A passkey answer as JSON text; none for a missing one or a JSON {@code null}. */
	static @Nullable String answerOf(@Nullable JsonNode node) {
		return node == null || node.isNull() ? null : node.toString();
	}

	record Credentials(@Schema(example = "ada@example.com") @NotBlank @Size(max = 254) @WellFormedText String email,
			@Schema(example = "correct horse battery staple") @NotNull @Size(
					max = 4096) @WellFormedText String password) {

		@Override
		public String toString() {
			return "Credentials[<hidden>]";
		}
	}

	/**
	 * The second sign-in step: the token from the first, and a TOTP or recovery code, or
	 * a passkey's answer.
	 */
	record SecondStep(@NotBlank @Size(max = 100) @WellFormedText String mfaToken,
			@Schema(example = "492039") @Nullable @Size(max = 32) @WellFormedText String code,
			@Schema(description = "A passkey's answer (AuthenticationResponseJSON)") @Nullable JsonNode credential) {

		@Override
		public String toString() {
			return "SecondStep[<hidden>]";
		}
	}

	/**
	 * A password (and, once the authenticator app is set up, a current code), or a
	 * passkey's answer to the options of {@code POST /api/auth/reauthenticate/options}.
	 */
	record Reauthentication(
			@Schema(example = "correct horse battery staple") @Nullable @Size(
					max = 4096) @WellFormedText String password,
			@Schema(example = "492039") @Nullable @Size(max = 32) @WellFormedText String code,
			@Schema(description = "A passkey's answer (AuthenticationResponseJSON)") @Nullable JsonNode passkey) {

		@Override
		public String toString() {
			return "Reauthentication[<hidden>]";
		}
	}

	/**
	 * For the second step's options, the token of the first; none to sign in with a
	 * passkey alone.
	 */
	record PasskeyOptionsRequest(@Nullable @Size(max = 100) @WellFormedText String mfaToken) {

		@Override
		public String toString() {
			return "PasskeyOptionsRequest[<hidden>]";
		}
	}

	/** A passkey's answer to sign-in options. */
	record PasskeyAnswer(@Schema(
			description = "The PublicKeyCredential as JSON (AuthenticationResponseJSON)") @NotNull JsonNode credential) {
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

	/**
	 * The password was right; the second step needs this token and one of
	 * {@code secondFactors}: {@code code} (authenticator app or recovery code),
	 * {@code passkey}.
	 */
	record MfaRequired(@Schema(allowableValues = STATUS) String status, String mfaToken,
			List<String> secondFactors) implements LoginAnswer {

		static final String STATUS = "MFA_REQUIRED";

		@Override
		public String toString() {
			return "MfaRequired[<hidden>]";
		}

	}

}
