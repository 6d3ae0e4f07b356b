package dev.warden.token.account;

import java.time.Instant;

import dev.warden.support.apidocs.ProblemResponse;
import dev.warden.support.identity.WardenPrincipal;
import dev.warden.token.lifecycle.TokenService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A user's API tokens for administrators ({@code ADMIN}; a change also needs a session
 * with a recent sign-in, as every change under {@code /api/admin/**}): the list, and
 * revoking them all in an incident.
 */
@RestController
@Validated
@RequestMapping("/api/admin/users/{userId}/tokens")
@Tag(name = "Administration", description = "For administrators (role ADMIN).")
class AdminTokensController {

	private static final String USER_ID = "[0-9a-fA-F-]{36}";

	private final TokenService tokens;

	AdminTokensController(TokenService tokens) {
		this.tokens = tokens;
	}

	@GetMapping
	@Operation(operationId = "listUserTokens", summary = "A user's API tokens, revoked and expired ones included")
	MyTokensController.TokenList list(@PathVariable @Pattern(regexp = USER_ID) String userId) {
		Instant now = this.tokens.now();
		return new MyTokensController.TokenList(
				this.tokens.list(userId).stream().map((token) -> MyTokensController.TokenView.of(token, now)).toList());
	}

	@PostMapping("/revoke")
	@Operation(operationId = "revokeUserTokens", summary = "Revoke every active API token of a user",
			description = "Each stops at once on every gateway and is logged with the administrator.")
	@ProblemResponse(status = 403, codes = "reauthentication_required", description = "The sign-in is not recent.")
	Revoked revokeAll(@AuthenticationPrincipal Jwt jwt, @PathVariable @Pattern(regexp = USER_ID) String userId) {
		return new Revoked(this.tokens.revokeAll(userId, WardenPrincipal.from(jwt).userId()));
	}

	/** How many tokens were revoked. */
	record Revoked(int revoked) {
	}

}
