package dev.warden.token.account;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.warden.serviceidentity.ClientLimits;
import dev.warden.support.identity.RecentAuthentication;
import dev.warden.support.identity.WardenPrincipal;
import dev.warden.support.validation.SingleLineText;
import dev.warden.support.validation.WellFormedText;
import dev.warden.token.lifecycle.ApiToken;
import dev.warden.token.lifecycle.GrantedValue;
import dev.warden.token.lifecycle.TokenErrors;
import dev.warden.token.lifecycle.TokenService;
import dev.warden.token.lifecycle.TokenStatus;
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
class MyTokensController {

	private final TokenService tokens;

	private final RecentAuthentication recentAuthentication;

	MyTokensController(TokenService tokens, RecentAuthentication recentAuthentication) {
		this.tokens = tokens;
		this.recentAuthentication = recentAuthentication;
	}

	@GetMapping
	Map<String, List<TokenView>> list(@AuthenticationPrincipal Jwt jwt) {
		WardenPrincipal caller = sessionCaller(jwt);
		Instant now = this.tokens.now();
		return Map.of("tokens",
				this.tokens.list(caller.userId()).stream().map((token) -> TokenView.of(token, now)).toList());
	}

	@GetMapping("/roles")
	Map<String, List<String>> roles(@AuthenticationPrincipal Jwt jwt) {
		return Map.of("roles", sessionCaller(jwt).roles());
	}

	@PostMapping
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
	record NewToken(@NotBlank @Size(max = 100) @WellFormedText @SingleLineText String name, JsonNode validityMonths,
			@NotNull @Size(max = 32) String role) {
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

}
