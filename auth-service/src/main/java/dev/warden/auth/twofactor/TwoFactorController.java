package dev.warden.auth.twofactor;

import io.swagger.v3.oas.annotations.media.Schema;
import dev.warden.support.apidocs.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;

import dev.warden.auth.session.ClientInfo;
import dev.warden.auth.session.SessionCookie;
import dev.warden.auth.user.User;
import dev.warden.auth.user.UserService;
import dev.warden.support.identity.RecentAuthentication;
import dev.warden.support.identity.WardenPrincipal;
import dev.warden.support.problem.Problems;
import dev.warden.support.validation.WellFormedText;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Security page's "Two-factor authentication". Every change needs a signed-in session
 * and a recent sign-in (403 {@code reauthentication_required}); secrets and recovery
 * codes are answered with {@code no-store}.
 */
@RestController
@RequestMapping("/api/security/two-factor")
@Tag(name = "Two-factor authentication",
		description = "TOTP (RFC 6238) with any authenticator app, and single-use recovery codes.")
class TwoFactorController {

	private final TwoFactorService twoFactor;

	private final UserService users;

	private final RecentAuthentication recentAuthentication;

	private final SessionCookie cookie;

	TwoFactorController(TwoFactorService twoFactor, UserService users, RecentAuthentication recentAuthentication,
			SessionCookie cookie) {
		this.twoFactor = twoFactor;
		this.cookie = cookie;
		this.users = users;
		this.recentAuthentication = recentAuthentication;
	}

	@GetMapping
	@Operation(operationId = "getTwoFactor",
			summary = "Whether two-factor authentication is on, since when, and how many recovery codes are left")
	@ProblemResponse(status = 403, codes = "session_required", description = "Not a signed-in session.")
	TwoFactorService.Status status(@AuthenticationPrincipal Jwt jwt) {
		return this.twoFactor.status(caller(jwt).id());
	}

	@PostMapping("/setup")
	@Operation(operationId = "setUpTwoFactor",
			summary = "Start setting up: a new secret, its otpauth URI and QR code, pending until confirmed")
	@ProblemResponse(status = 403, codes = { "session_required", "reauthentication_required" },
			description = "Not a signed-in session, or the last sign-in is not recent.")
	@ProblemResponse(status = 409, codes = "two_factor_already_enabled", description = "It is on already.")
	@ProblemResponse(status = 503, codes = "two_factor_unavailable",
			description = "The service cannot encrypt two-factor secrets (no key configured).")
	ResponseEntity<TwoFactorService.Setup> setup(@AuthenticationPrincipal Jwt jwt) {
		User user = sensitive(jwt);
		return ResponseEntity.ok().header("Cache-Control", "no-store").body(this.twoFactor.setup(user));
	}

	/**
	 * 200 with the recovery codes and, as the session was renewed (no longer held to the
	 * set-up), its new cookie.
	 */
	@PostMapping("/confirm")
	@ProblemResponse(status = 503, codes = "sessions_unavailable", description = "session-service is not answering.")
	@Operation(operationId = "confirmTwoFactor",
			summary = "Turn two-factor on with a first code; answers the recovery codes, once")
	@ProblemResponse(status = 403, codes = { "session_required", "reauthentication_required" },
			description = "Not a signed-in session, or the last sign-in is not recent.")
	@ProblemResponse(status = 409, codes = { "two_factor_not_pending", "two_factor_already_enabled" },
			description = "No set-up was started, or it is on already.")
	@ProblemResponse(status = 429, codes = "second_factor_throttled",
			description = "Too many wrong codes for this account; see retryAfterSeconds.")
	@ProblemResponse(status = 503, codes = "two_factor_unavailable",
			description = "The service cannot decrypt two-factor secrets (no key configured).")
	ResponseEntity<RecoveryCodes> confirm(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody CodeRequest request,
			HttpServletRequest http) {
		User user = sensitive(jwt);
		TwoFactorService.Confirmed confirmed = this.twoFactor.confirm(user, WardenPrincipal.from(jwt).sessionId(),
				request.code(), ClientInfo.of(http));
		ResponseEntity.BodyBuilder response = ResponseEntity.ok().header("Cache-Control", "no-store");
		if (confirmed.renewed() != null) {
			response.header(SessionCookie.header(), this.cookie.issue(confirmed.renewed()));
		}
		return response.body(new RecoveryCodes(confirmed.recoveryCodes()));
	}

	/**
	 * Needs the password and a code, both checked here: that is the full
	 * re-authentication itself.
	 */
	@PostMapping("/disable")
	@Operation(operationId = "disableTwoFactor",
			summary = "Turn two-factor off; the password and a code are the re-authentication")
	@ProblemResponse(status = 403, codes = "session_required", description = "Not a signed-in session.")
	@ProblemResponse(status = 409, codes = { "two_factor_not_enabled", "two_factor_required" },
			description = "It is off already, or the policy requires it of the user.")
	@ProblemResponse(status = 429, codes = { "second_factor_throttled", "login_throttled", "account_locked" },
			description = "Too many wrong passwords or codes for this account; see retryAfterSeconds.")
	@ProblemResponse(status = 503, codes = "two_factor_unavailable",
			description = "The service cannot decrypt two-factor secrets (no key configured).")
	ResponseEntity<Void> disable(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody DisableRequest request,
			HttpServletRequest http) {
		User user = caller(jwt);
		this.twoFactor.disable(user, request.password(), request.code(), ClientInfo.of(http));
		return ResponseEntity.noContent().build();
	}

	/**
	 * Needs a recent sign-in, which took every factor; a code, when sent, is checked too.
	 * (Asking for a code after a re-authentication that just spent the current one would
	 * only ever meet a replayed step.)
	 */
	@PostMapping("/recovery-codes")
	@Operation(operationId = "regenerateRecoveryCodes",
			summary = "A fresh set of recovery codes; the old set stops working")
	@ProblemResponse(status = 403, codes = { "session_required", "reauthentication_required" },
			description = "Not a signed-in session, or the last sign-in is not recent.")
	@ProblemResponse(status = 409, codes = "two_factor_not_enabled", description = "Two-factor is off.")
	@ProblemResponse(status = 429, codes = "second_factor_throttled",
			description = "Too many wrong codes for this account; see retryAfterSeconds.")
	@ProblemResponse(status = 503, codes = "two_factor_unavailable",
			description = "The service cannot decrypt two-factor secrets (no key configured).")
	ResponseEntity<RecoveryCodes> regenerate(@AuthenticationPrincipal Jwt jwt,
			@Valid @RequestBody OptionalCodeRequest request, HttpServletRequest http) {
		User user = sensitive(jwt);
		List<String> codes = this.twoFactor.regenerateRecoveryCodes(user, request.code(), ClientInfo.of(http));
		return ResponseEntity.ok().header("Cache-Control", "no-store").body(new RecoveryCodes(codes));
	}

	private User sensitive(Jwt jwt) {
		User user = caller(jwt);
		this.recentAuthentication.require(jwt);
		return user;
	}

	private User caller(Jwt jwt) {
		WardenPrincipal caller = WardenPrincipal.from(jwt);
		if (caller.sessionId() == null) {
			throw Problems.forbidden("session_required", "Two-factor settings need a signed-in session.");
		}
		return this.users.caller(caller);
	}

	record CodeRequest(@Schema(example = "492039") @NotBlank @Size(max = 32) @WellFormedText String code) {

		@Override
		public String toString() {
			return "CodeRequest[<hidden>]";
		}
	}

	record OptionalCodeRequest(@Schema(example = "492039") @org.jspecify.annotations.Nullable @Size(
			max = 32) @WellFormedText String code) {

		@Override
		public String toString() {
			return "OptionalCodeRequest[<hidden>]";
		}
	}

	record DisableRequest(
			@Schema(example = "correct horse battery staple") @NotNull @Size(
					max = 4096) @WellFormedText String password,
			@Schema(example = "492039") @NotBlank @Size(max = 32) @WellFormedText String code) {

		@Override
		public String toString() {
			return "DisableRequest[<hidden>]";
		}
	}

	/** Single-use recovery codes, shown this once. */
	record RecoveryCodes(List<String> recoveryCodes) {

		@Override
		public String toString() {
			return "RecoveryCodes[<hidden>]";
		}

	}

}
