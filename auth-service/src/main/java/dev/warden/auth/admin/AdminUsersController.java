package dev.warden.auth.admin;

import io.swagger.v3.oas.annotations.media.Schema;
import dev.warden.support.apidocs.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.warden.auth.user.CallerIds;
import dev.warden.auth.user.Locales;
import dev.warden.auth.user.User;
import dev.warden.auth.user.UserStatus;
import dev.warden.support.identity.RecentAuthentication;
import dev.warden.support.identity.WardenPrincipal;
import dev.warden.support.validation.SingleLineText;
import dev.warden.support.validation.WellFormedText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.jspecify.annotations.Nullable;

/**
 * Administration of users ({@code ADMIN}, checked by the gateway and again by this
 * service's security chain).
 */
@RestController
@Validated
@RequestMapping("/api/admin/users")
@Tag(name = "Administration", description = "For administrators (role ADMIN).")
class AdminUsersController {

	private final UserAdministration administration;

	private final RecentAuthentication recentAuthentication;

	AdminUsersController(UserAdministration administration, RecentAuthentication recentAuthentication) {
		this.administration = administration;
		this.recentAuthentication = recentAuthentication;
	}

	@PostMapping
	@Operation(operationId = "createUser",
			summary = "Create a user with a temporary password, to be changed at the first sign-in")
	@ApiResponse(responseCode = "201", description = "Created.", useReturnTypeSchema = true)
	@ProblemResponse(status = 409, codes = "email_taken", description = "A user has this e-mail address.")
	ResponseEntity<UserView> create(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody NewUser request) {
		this.recentAuthentication.require(jwt);
		User user = this.administration.create(request, jwt.getSubject());
		return ResponseEntity.status(HttpStatus.CREATED).body(UserView.of(user, false));
	}

	@GetMapping
	@Operation(operationId = "listUsers", summary = "The users, a page at a time",
			description = "With email, only the users whose address contains it (case does not matter).")
	UserPage list(@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
			@RequestParam(required = false) @Size(max = 254) @WellFormedText String email) {
		List<UserView> users = this.administration.page(page, size, email);
		return new UserPage(users, page, size, this.administration.count(email));
	}

	@GetMapping("/{id}")
	@Operation(operationId = "getUser",
			summary = "One user, with when they last signed in and how many sessions and tokens they have")
	@ProblemResponse(status = 404, codes = "user_not_found", description = "No user has this id.")
	UserDetail detail(@PathVariable UUID id) {
		return this.administration.detail(id);
	}

	/** Ends every session of the user on every device. */
	@PostMapping("/{id}/sessions/end")
	@ProblemResponse(status = 503, codes = "sessions_unavailable", description = "session-service is not answering.")
	@Operation(operationId = "endUserSessions", summary = "End every session of a user, on every device")
	@ProblemResponse(status = 404, codes = "user_not_found", description = "No user has this id.")
	@ProblemResponse(status = 403, codes = "reauthentication_required", description = "The sign-in is not recent.")
	Ended endSessions(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
		return new Ended(this.administration.endSessions(id, actor(jwt)));
	}

	@PostMapping("/{id}/disable")
	@Operation(operationId = "disableUser", summary = "Disable a user",
			description = "The user cannot sign in; every session ends and every API token stops at once on every "
					+ "gateway. The user is mailed.")
	@ProblemResponse(status = 404, codes = "user_not_found", description = "No user has this id.")
	@ProblemResponse(status = 409, codes = "last_administrator",
			description = "The user is the last active administrator.")
	@ProblemResponse(status = 403, codes = "reauthentication_required", description = "The sign-in is not recent.")
	ResponseEntity<Void> disable(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
		this.administration.disable(id, actor(jwt));
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{id}/enable")
	@Operation(operationId = "enableUser", summary = "Enable a disabled user again",
			description = "Signing in works again, and so do the user's API tokens. The user is mailed.")
	@ProblemResponse(status = 404, codes = "user_not_found", description = "No user has this id.")
	@ProblemResponse(status = 403, codes = "reauthentication_required", description = "The sign-in is not recent.")
	ResponseEntity<Void> enable(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
		this.administration.enable(id, actor(jwt));
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{id}/require-password-change")
	@Operation(operationId = "requirePasswordChange", summary = "Require a new password at the next sign-in",
			description = "The user is mailed.")
	@ProblemResponse(status = 404, codes = "user_not_found", description = "No user has this id.")
	@ProblemResponse(status = 403, codes = "reauthentication_required", description = "The sign-in is not recent.")
	ResponseEntity<Void> requirePasswordChange(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
		this.administration.requirePasswordChange(id, actor(jwt));
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{id}/two-factor/reset")
	@Operation(operationId = "resetUserTwoFactor", summary = "Remove a user's two-factor authentication",
			description = "For a user who lost the authenticator app and the recovery codes: both stop working; the "
					+ "user sets it up again (at the next sign-in where the policy requires it). The user is mailed.")
	@ProblemResponse(status = 404, codes = "user_not_found", description = "No user has this id.")
	@ProblemResponse(status = 409, codes = "two_factor_not_enabled", description = "The user has no two-factor.")
	@ProblemResponse(status = 403, codes = "reauthentication_required", description = "The sign-in is not recent.")
	ResponseEntity<Void> resetTwoFactor(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
		this.administration.resetTwoFactor(id, actor(jwt));
		return ResponseEntity.noContent().build();
	}

	@PutMapping("/{id}/roles")
	@Operation(operationId = "setUserRoles", summary = "Set a user's roles",
			description = "USER is always kept. Every session of the user ends (each carries the roles it signed in "
					+ "with); API tokens of a role the user no longer holds stop. The user is mailed.")
	@ProblemResponse(status = 404, codes = "user_not_found", description = "No user has this id.")
	@ProblemResponse(status = 409, codes = "last_administrator",
			description = "ADMIN would be taken from the last active administrator.")
	@ProblemResponse(status = 403, codes = "reauthentication_required", description = "The sign-in is not recent.")
	ResponseEntity<Void> setRoles(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id,
			@Valid @RequestBody NewRoles request) {
		this.administration.setRoles(id, request.roles(), actor(jwt));
		return ResponseEntity.noContent().build();
	}

	/** The roles a user is to hold. */
	record NewRoles(@NotEmpty @Size(max = 4) List<@NotNull @Pattern(regexp = "USER|ADMIN") String> roles) {
	}

	private static UUID actor(Jwt jwt) {
		return CallerIds.userId(WardenPrincipal.from(jwt));
	}

	@PostMapping("/{id}/unlock")
	@Operation(operationId = "unlockUser", summary = "Unlock a user locked by failed sign-ins")
	@ProblemResponse(status = 404, codes = "user_not_found", description = "No user has this id.")
	@ProblemResponse(status = 403, codes = "reauthentication_required", description = "The sign-in is not recent.")
	ResponseEntity<Void> unlock(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
		this.administration.unlock(id, actor(jwt));
		return ResponseEntity.noContent().build();
	}

	/**
	 * @param password the first password, always temporary: the user must change it at
	 * the first sign-in, and it stops working after
	 * {@code warden.password.temporary-lifetime} if unused
	 * @param temporary {@code true} or left out; {@code false} is refused
	 * ({@code temporary_required}), as an administrator never sets the long-term password
	 * (OWASP ASVS 5.0 6.4.1). Kept so a client that sends Keycloak's "temporary" flag is
	 * told, not silently overruled.
	 */
	record NewUser(
			@Schema(example = "grace@example.com") @NotBlank @Email @Size(max = 254) @WellFormedText String email,
			@Schema(example = "Grace Hopper") @NotBlank @Size(
					max = 100) @WellFormedText @SingleLineText String displayName,
			@NotEmpty @Size(max = 4) List<@NotNull @Pattern(regexp = "USER|ADMIN") String> roles,
			@Schema(example = "temporary lantern 7 harbour") @NotNull @Size(max = 4096) @WellFormedText String password,
			@Schema(example = "true") @Nullable Boolean temporary,
			@Schema(example = "en") @Nullable @Size(max = 35) @Pattern(regexp = Locales.PATTERN,
					message = "must be a language tag such as en or de-AT") String locale) {

		@Override
		public String toString() {
			return "NewUser[roles=" + this.roles + "]";
		}
	}

	/**
	 * A user as administrators see it: never a hash. {@code locked} includes a temporary
	 * lock.
	 */
	record UserView(String id, String email, String displayName, List<String> roles, UserStatus status, boolean locked,
			boolean passwordChangeRequired, boolean twoFactorEnabled, Instant createdAt, @Nullable String locale) {

		static UserView of(User user, boolean temporarilyLocked) {
			return new UserView(user.id().toString(), user.email(), user.displayName(), user.roles(), user.status(),
					user.status() == UserStatus.LOCKED || temporarilyLocked, user.passwordChangeRequired(),
					user.twoFactorEnabled(), user.createdAt(), user.locale());
		}
	}

	/**
	 * A user as the administrators' page shows one: the list's view, the last sign-in,
	 * how many passkeys they hold, and how many sessions are live and tokens work, as the
	 * services that own them count (each {@code null} when that service did not answer).
	 */
	record UserDetail(String id, String email, String displayName, List<String> roles, UserStatus status,
			boolean locked, boolean passwordChangeRequired, boolean twoFactorEnabled, Instant createdAt,
			@Nullable String locale, @Nullable Instant lastSignInAt,
			@Schema(description = "Live sessions; null when session-service did not answer") @Nullable Integer activeSessions,
			@Schema(description = "API tokens neither revoked nor expired; null when token-service did not answer") @Nullable Integer activeTokens,
			@Schema(description = "Passkeys the user holds") int passkeys) {

		static UserDetail of(UserView view, @Nullable Instant lastSignInAt, AccountCounts.Counts counts, int passkeys) {
			return new UserDetail(view.id(), view.email(), view.displayName(), view.roles(), view.status(),
					view.locked(), view.passwordChangeRequired(), view.twoFactorEnabled(), view.createdAt(),
					view.locale(), lastSignInAt, counts.activeSessions(), counts.activeTokens(), passkeys);
		}
	}

	/** A page of users, and how many there are. */
	record UserPage(List<UserView> users, int page, int size, long total) {
	}

	/** How many sessions were ended. */
	record Ended(int ended) {
	}

}
