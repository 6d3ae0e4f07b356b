package dev.warden.auth.passkey;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.warden.auth.session.ClientInfo;
import dev.warden.auth.user.User;
import dev.warden.auth.user.UserService;
import dev.warden.support.apidocs.ProblemResponse;
import dev.warden.support.identity.RecentAuthentication;
import dev.warden.support.identity.WardenPrincipal;
import dev.warden.support.problem.Problems;
import dev.warden.support.validation.SingleLineText;
import dev.warden.support.validation.WellFormedText;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Security page's "Passkeys": adding one (a recent sign-in, as for the other
 * two-factor changes), naming, listing and removing them. A signed-in session only, never
 * an API token.
 */
@RestController
@RequestMapping("/api/security/passkeys")
@Tag(name = "Passkeys",
		description = "WebAuthn credentials: phishing-resistant second factor and passwordless sign-in.")
class PasskeyController {

	private final Passkeys passkeys;

	private final UserService users;

	private final RecentAuthentication recentAuthentication;

	PasskeyController(Passkeys passkeys, UserService users, RecentAuthentication recentAuthentication) {
		this.passkeys = passkeys;
		this.users = users;
		this.recentAuthentication = recentAuthentication;
	}

	@GetMapping
	@Operation(operationId = "listPasskeys", summary = "The caller's passkeys, oldest first")
	@ProblemResponse(status = 403, codes = "session_required", description = "Not a signed-in session.")
	PasskeyList list(@AuthenticationPrincipal Jwt jwt) {
		return new PasskeyList(this.passkeys.list(caller(jwt).id()).stream().map(PasskeyView::of).toList());
	}

	@PostMapping("/registration/options")
	@Operation(operationId = "passkeyRegistrationOptions",
			summary = "Options for navigator.credentials.create(): PublicKeyCredentialCreationOptions as JSON")
	@ProblemResponse(status = 403, codes = { "session_required", "reauthentication_required" },
			description = "Not a signed-in session, or the last sign-in is not recent.")
	ResponseEntity<Map<String, Object>> registrationOptions(@AuthenticationPrincipal Jwt jwt) {
		User user = sensitive(jwt);
		return ResponseEntity.ok().header("Cache-Control", "no-store").body(this.passkeys.registrationOptions(user));
	}

	@PostMapping("/registration")
	@Operation(operationId = "registerPasskey", summary = "Add a passkey: the browser's answer to the options")
	@ApiResponse(responseCode = "201", description = "Added.", useReturnTypeSchema = true)
	@ProblemResponse(status = 400, codes = "passkey_malformed", description = "Not a WebAuthn registration.")
	@ProblemResponse(status = 401, codes = { "passkey_challenge_invalid", "passkey_invalid" },
			description = "The options expired or were used, or the answer did not verify.")
	@ProblemResponse(status = 403, codes = { "session_required", "reauthentication_required" },
			description = "Not a signed-in session, or the last sign-in is not recent.")
	@ProblemResponse(status = 409, codes = { "passkey_exists", "passkey_limit_reached" },
			description = "This passkey is added already, or the account holds the most it may.")
	ResponseEntity<PasskeyView> register(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody Registration request,
			HttpServletRequest http) {
		User user = sensitive(jwt);
		Passkey passkey = this.passkeys.register(user, request.name().strip(), request.credential().toString(),
				ClientInfo.of(http));
		return ResponseEntity.status(HttpStatus.CREATED).body(PasskeyView.of(passkey));
	}

	@PatchMapping("/{id}")
	@Operation(operationId = "renamePasskey", summary = "Rename one of the caller's passkeys")
	@ProblemResponse(status = 403, codes = "session_required", description = "Not a signed-in session.")
	@ProblemResponse(status = 404, codes = "passkey_not_found", description = "The caller has no such passkey.")
	PasskeyView rename(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id, @Valid @RequestBody Rename request) {
		return PasskeyView.of(this.passkeys.rename(caller(jwt).id(), id, request.name().strip()));
	}

	@DeleteMapping("/{id}")
	@Operation(operationId = "removePasskey", summary = "Remove one of the caller's passkeys; it stops working at once")
	@ApiResponse(responseCode = "204", description = "Removed.")
	@ProblemResponse(status = 403, codes = { "session_required", "reauthentication_required" },
			description = "Not a signed-in session, or the last sign-in is not recent.")
	@ProblemResponse(status = 404, codes = "passkey_not_found", description = "The caller has no such passkey.")
	@ProblemResponse(status = 409, codes = "two_factor_required",
			description = "It is the last second factor, and the policy requires one of the caller.")
	ResponseEntity<Void> remove(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id, HttpServletRequest http) {
		this.passkeys.remove(sensitive(jwt), id, ClientInfo.of(http));
		return ResponseEntity.noContent().build();
	}

	private User sensitive(Jwt jwt) {
		User user = caller(jwt);
		this.recentAuthentication.require(jwt);
		return user;
	}

	private User caller(Jwt jwt) {
		WardenPrincipal caller = WardenPrincipal.from(jwt);
		if (caller.sessionId() == null) {
			throw Problems.forbidden("session_required", "Passkeys need a signed-in session.");
		}
		return this.users.caller(caller);
	}

	/**
	 * A name for the new passkey, and the browser's answer ({@code credential.toJSON()}).
	 */
	record Registration(
			@Schema(example = "YubiKey on my keyring") @NotBlank @Size(
					max = 64) @SingleLineText @WellFormedText String name,
			@Schema(description = "The PublicKeyCredential as JSON (RegistrationResponseJSON)") @NotNull JsonNode credential) {
	}

	record Rename(
			@Schema(example = "Work laptop") @NotBlank @Size(max = 64) @SingleLineText @WellFormedText String name) {
	}

	record PasskeyList(List<PasskeyView> passkeys) {
	}

	/**
	 * A passkey as its owner sees it: never its key.
	 *
	 * @param deviceHint what holds it, as far as its transports tell ("Security key (USB,
	 * NFC)")
	 * @param synced whether it may be copied to the user's other devices
	 */
	record PasskeyView(String id, String name, @Nullable String deviceHint, boolean synced, Instant createdAt,
			@Nullable Instant lastUsedAt) {

		static PasskeyView of(Passkey passkey) {
			return new PasskeyView(passkey.id().toString(), passkey.name(), passkey.deviceHint(),
					passkey.backupEligible(), passkey.createdAt(), passkey.lastUsedAt());
		}
	}

}
