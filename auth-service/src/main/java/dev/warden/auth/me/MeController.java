package dev.warden.auth.me;

import dev.warden.support.apidocs.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.warden.auth.password.policy.PasswordPolicy;
import dev.warden.auth.password.policy.PasswordPolicyService;
import dev.warden.auth.passkey.Passkeys;
import dev.warden.auth.user.User;
import dev.warden.auth.user.UserService;
import dev.warden.support.identity.RecentAuthentication;
import dev.warden.support.identity.WardenPrincipal;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /api/me}: who the caller is, for the page header and for deciding what the
 * page shows.
 */
@RestController
@Tag(name = "Account", description = "The signed-in user and their preferences.")
class MeController {

	private final UserService users;

	private final PasswordPolicyService policies;

	private final Clock clock;

	private final RecentAuthentication recentAuthentication;

	private final Passkeys passkeys;

	MeController(UserService users, PasswordPolicyService policies, Clock clock,
			RecentAuthentication recentAuthentication, Passkeys passkeys) {
		this.passkeys = passkeys;
		this.users = users;
		this.policies = policies;
		this.clock = clock;
		this.recentAuthentication = recentAuthentication;
	}

	@GetMapping("/api/me")
	@Operation(operationId = "getMe",
			summary = "Who the caller is: the account, its roles, what it must do first, how it signed in")
	Me me(@AuthenticationPrincipal Jwt jwt) {
		WardenPrincipal caller = WardenPrincipal.from(jwt);
		User user = this.users.caller(caller);
		PasswordPolicy policy = this.policies.current();
		Instant expiresAt = policy.expiresAt(user.passwordChangedAt());
		boolean expired = expiresAt != null && !expiresAt.isAfter(this.clock.instant());
		// From the account and the policy, as the sign-in decides it; the gateway holds a
		// session by its own flag.
		int passkeyCount = this.passkeys.count(user.id());
		boolean twoFactorSetupRequired = !user.twoFactorEnabled() && passkeyCount == 0
				&& policy.requiresTwoFactor(user.roles());
		Duration recent = caller.sessionId() == null ? null : this.recentAuthentication.remaining(jwt);
		return new Me(user.id().toString(), user.email(), user.displayName(), caller.roles(), user.twoFactorEnabled(),
				user.passwordChangeRequired() || expired, twoFactorSetupRequired, expiresAt, caller.authMethods(),
				user.locale(), user.passwordChangedAt(), recent == null ? null : recent.toSeconds(), passkeyCount,
				changeReason(user, expired));
	}

	/**
	 * {@code roles}: the roles in force for this request (an API token's one role, or the
	 * session's); {@code twoFactorSetupRequired}: the policy requires two-factor
	 * authentication of one of the user's roles and the user has neither the
	 * authenticator app nor a passkey; {@code authenticatedBy}: how this caller proved it
	 * (RFC 8176 {@code amr}: pwd, otp, hwk or swk for a passkey, token); {@code locale}:
	 * the language chosen for e-mails, {@code null} for English;
	 * {@code passwordChangedAt}: when the password was last set;
	 * {@code recentSignInSeconds}: how many seconds the session's sign-in stays recent
	 * enough for sensitive changes (0: they will ask to confirm it first), {@code null}
	 * for an API token; {@code passkeys}: how many passkeys the user has;
	 * {@code passwordChangeReason}: why a change is required, when known
	 * ({@code breached}, {@code expired}).
	 */
	record Me(String id, String email, String displayName, List<String> roles, boolean twoFactorEnabled,
			boolean passwordChangeRequired, boolean twoFactorSetupRequired, @Nullable Instant passwordExpiresAt,
			List<String> authenticatedBy, @Nullable String locale, Instant passwordChangedAt,
			@Nullable Long recentSignInSeconds, int passkeys, @Nullable String passwordChangeReason) {
	}

	/**
	 * Why the password must change, for the page to say: {@code breached},
	 * {@code expired}, or {@code null} (a temporary password, an administrator's word, a
	 * raised policy).
	 */
	private @Nullable String changeReason(User user, boolean expired) {
		if (!user.passwordChangeRequired()) {
			return expired ? "expired" : null;
		}
		return this.users.passwordChangeReason(user.id()).orElse(expired ? "expired" : null);
	}

}
