package dev.warden.token.account;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import dev.warden.serviceidentity.ClientLimits;
import dev.warden.support.apidocs.ProblemResponse;
import dev.warden.support.identity.RecentAuthentication;
import dev.warden.support.identity.WardenPrincipal;
import dev.warden.support.validation.SingleLineText;
import dev.warden.support.validation.WellFormedText;
import dev.warden.token.lifecycle.ApiToken;
import dev.warden.token.lifecycle.GrantedValue;
import dev.warden.token.lifecycle.TokenErrors;
import dev.warden.token.lifecycle.TokenService;
import dev.warden.token.lifecycle.TokenStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.jspecify.annotations.Nullable;

/**
 * The Security page's "API tokens": choose a name, a validity of 1 to 12 months and a
 * role; list; revoke. Only a signed-in session manages tokens (a leaked token cannot mint
 * more), and creating one needs a recent sign-in. The gateway makes each new token's
 * value and signs a grant for it (headers {@code Warden-Token-Value} and
 * {@code Warden-Token-Grant}); the token is stored under that value's hash, with the
 * grant.
 */
@RestController
@RequestMapping("/api/security/tokens")
@Tag(name = "API tokens", description = "Personal tokens for scripts and tools, each with one role and an end.")
class MyTokensController {

	private final TokenService tokens;

	private final RecentAuthentication recentAuthentication;

	MyTokensController(TokenService tokens, RecentAuthentication recentAuthentication) {
		this.tokens = tokens;
		this.recentAuthentication = recentAuthentication;
	}

	@GetMapping
	@Operation(operationId = "listMyTokens", summary = "The user's API tokens, never their values")
	@ProblemResponse(status = 403, codes = "session_required", description = "Not a signed-in session.")
	TokenList list(@AuthenticationPrincipal Jwt jwt) {
		WardenPrincipal caller = sessionCaller(jwt);
		Instant now = this.tokens.now();
		return new TokenList(
				this.tokens.list(caller.userId()).stream().map((token) -> TokenView.of(token, now)).toList());
	}

	@GetMapping("/roles")
	@Operation(operationId = "listTokenRoles", summary = "The roles the user may give a token: those the user holds")
	@ProblemResponse(status = 403, codes = "session_required", description = "Not a signed-in session.")
	RoleList roles(@AuthenticationPrincipal Jwt jwt) {
		return new RoleList(sessionCaller(jwt).roles());
	}

	@PostMapping
	@Operation(operationId = "createToken", summary = "Make a token; its value is in this answer only",
			description = "Needs a recent sign-in. The gateway makes the value and signs its grant (headers "
					+ "Warden-Token-Value and Warden-Token-Grant, which a client's own are removed from).")
	@ApiResponse(responseCode = "201", description = "Made; the token's value is shown this once.",
			useReturnTypeSchema = true)
	@ProblemResponse(status = 400, codes = "token_grant_missing",
			description = "Sent past the gateway, without a value and its grant.")
	@ProblemResponse(status = 403, codes = { "session_required", "reauthentication_required", "role_not_allowed" },
			description = "Not a signed-in session, the last sign-in is not recent, or a role the user does not hold.")
	@ProblemResponse(status = 409, codes = { "token_limit_reached", "token_exists" },
			description = "The user has the most active tokens allowed, or the value is taken.")
	ResponseEntity<CreatedView> create(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody NewToken request,
			HttpServletRequest http) {
		WardenPrincipal caller = sessionCaller(jwt);
		this.recentAuthentication.require(jwt);
		// What the owner chose is judged first: the gateway grants a value only for a
		// validity and a role it could.
		int months = ValidityMonths.of(request.validityMonths());
		if (!caller.roles().contains(request.role())) {
			throw TokenErrors.roleNotAllowed();
		}
		GrantedValue granted = GrantedValue.from(Collections.list(http.getHeaders(GrantedValue.VALUE_HEADER)),
				Collections.list(http.getHeaders(GrantedValue.GRANT_HEADER)));
		TokenService.Created created = this.tokens.create(caller.userId(), caller.roles(), request.name().strip(),
				months, request.role(), granted, caller.clientIp(),
				ClientLimits.userAgent(http.getHeader("User-Agent")));
		return ResponseEntity.status(HttpStatus.CREATED)
			.header("Cache-Control", "no-store")
			.body(CreatedView.of(created, this.tokens.now()));
	}

	@DeleteMapping("/{id}")
	@Operation(operationId = "revokeToken", summary = "Revoke a token; it stops working at once")
	@ProblemResponse(status = 403, codes = "session_required", description = "Not a signed-in session.")
	@ProblemResponse(status = 404, codes = "token_not_found", description = "The user has no token with this id.")
	ResponseEntity<Void> revoke(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
		WardenPrincipal caller = sessionCaller(jwt);
		UUID tokenId;
		try {
			tokenId = UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			throw dev.warden.support.problem.Problems.notFound("token_not_found", "You have no token with this id.");
		}
		this.tokens.revoke(caller.userId(), tokenId, "user");
		return ResponseEntity.noContent().build();
	}

	private static WardenPrincipal sessionCaller(Jwt jwt) {
		WardenPrincipal caller = WardenPrincipal.from(jwt);
		if (caller.sessionId() == null) {
			throw TokenErrors.sessionRequired();
		}
		return caller;
	}

	/**
	 * {@code validityMonths} stays raw JSON so "3", 1.5 and null are refused rather than
	 * coerced.
	 */
	record NewToken(
			@Schema(example = "deploy script") @NotBlank @Size(max = 100) @WellFormedText @SingleLineText String name,
			@Schema(implementation = Integer.class, minimum = "1", maximum = "12", example = "3",
					description = "How many months the token works: a whole number from 1 to 12.") JsonNode validityMonths,
			@Schema(example = "USER") @NotNull @Size(max = 32) String role) {
	}

	/** A token in the list: never the token, only its last four characters. */
	record TokenView(String id, String name, String role, TokenStatus status, Instant createdAt, Instant expiresAt,
			@Nullable Instant lastUsedAt, @Nullable String lastUsedIp, @Nullable String lastUsedUserAgent, String hint,
			@Nullable Instant revokedAt) {

		static TokenView of(ApiToken token, Instant now) {
			return new TokenView(token.id().toString(), token.name(), token.role(), token.statusAt(now),
					token.createdAt(), token.expiresAt(), token.lastUsedAt(), token.lastUsedIp(),
					token.lastUsedUserAgent(), token.hint(), token.revokedAt());
		}
	}

	/** The answer to a creation: the list entry plus, this once, the token itself. */
	record CreatedView(String id, String name, String role, TokenStatus status, Instant createdAt, Instant expiresAt,
			String hint, String token) {

		static CreatedView of(TokenService.Created created, Instant now) {
			ApiToken token = created.token();
			return new CreatedView(token.id().toString(), token.name(), token.role(), token.statusAt(now),
					token.createdAt(), token.expiresAt(), token.hint(), created.secret());
		}

		@Override
		public String toString() {
			return "CreatedView[id=" + this.id + "]";
		}
	}

	/** The user's tokens. */
	record TokenList(List<TokenView> tokens) {
	}

	/** The roles a token may be given. */
	record RoleList(List<String> roles) {
	}

}
