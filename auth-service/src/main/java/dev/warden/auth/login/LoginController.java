package dev.warden.auth.login;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.warden.auth.session.ClientInfo;
import dev.warden.auth.session.SessionClient.IssuedSession;
import dev.warden.auth.session.SessionCookie;
import dev.warden.auth.user.CallerIds;
import dev.warden.support.identity.WardenPrincipal;
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

/**
 * Sign-in, sign-out and re-authentication. The session's secret leaves only in the
 * HttpOnly cookie, never in a body, so page scripts cannot read it.
 */
@RestController
@RequestMapping("/api/auth")
class LoginController {

	private final LoginService logins;

	private final SessionCookie cookie;

	LoginController(LoginService logins, SessionCookie cookie) {
		this.logins = logins;
		this.cookie = cookie;
	}

	@PostMapping("/login")
	ResponseEntity<Map<String, Object>> login(@Valid @RequestBody Credentials credentials, HttpServletRequest request) {
		return answer(this.logins.login(credentials.email(), credentials.password(), ClientInfo.of(request),
				ReplacedSession.of(request)));
	}

	@PostMapping("/login/mfa")
	ResponseEntity<Map<String, Object>> secondStep(@Valid @RequestBody SecondStep step, HttpServletRequest request) {
		return answer(this.logins.completeMfa(step.mfaToken(), step.code(), ClientInfo.of(request),
				ReplacedSession.of(request)));
	}

	private ResponseEntity<Map<String, Object>> answer(LoginService.SignedIn signedIn) {
		IssuedSession session = signedIn.session();
		if (session == null) {
			return ResponseEntity
				.ok(Map.of("status", "MFA_REQUIRED", "mfaToken", Objects.requireNonNull(signedIn.mfaToken())));
		}
		return ResponseEntity.ok()
			.header(SessionCookie.header(), this.cookie.issue(session))
			.body(Map.of("status", "AUTHENTICATED", "passwordChangeRequired", signedIn.passwordChangeRequired(),
					"twoFactorSetupRequired", signedIn.twoFactorSetupRequired()));
	}

	@PostMapping("/logout")
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

	record Credentials(@NotBlank @Size(max = 254) @WellFormedText String email,
			@NotNull @Size(max = 4096) @WellFormedText String password) {

		@Override
		public String toString() {
			return "Credentials[<hidden>]";
		}
	}

	/** The second sign-in step: the token from the first, and a TOTP or recovery code. */
	record SecondStep(@NotBlank @Size(max = 100) @WellFormedText String mfaToken,
			@NotBlank @Size(max = 32) @WellFormedText String code) {

		@Override
		public String toString() {
			return "SecondStep[<hidden>]";
		}
	}

	/** A password, or (once two-factor authentication is set up) a current code. */
	record Reauthentication(@Size(max = 4096) @WellFormedText String password,
			@Size(max = 32) @WellFormedText String code) {

		@Override
		public String toString() {
			return "Reauthentication[<hidden>]";
		}
	}

}
