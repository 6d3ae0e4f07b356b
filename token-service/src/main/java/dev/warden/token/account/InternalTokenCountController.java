package dev.warden.token.account;

import java.util.Map;

import dev.warden.support.identity.CalledBy;
import dev.warden.support.identity.InternalCallProperties;
import dev.warden.token.lifecycle.TokenService;
import jakarta.validation.constraints.Pattern;

import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * How many working tokens a user has, for the account detail administrators see at
 * auth-service (its service token; never routed). A count only: auth-service learns
 * nothing of the tokens themselves.
 */
@RestController
@Validated
class InternalTokenCountController {

	private final TokenService tokens;

	InternalTokenCountController(TokenService tokens) {
		this.tokens = tokens;
	}

	@GetMapping("/internal/users/{userId}/tokens/count")
	@CalledBy(InternalCallProperties.AUTH_SERVICE)
	Map<String, Integer> count(@PathVariable @Pattern(regexp = "[0-9a-fA-F-]{36}") String userId) {
		return Map.of("count", this.tokens.countActive(userId));
	}

}
