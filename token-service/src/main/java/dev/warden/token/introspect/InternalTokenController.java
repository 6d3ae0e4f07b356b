package dev.warden.token.introspect;

import dev.warden.serviceidentity.ClientLimits;
import dev.warden.support.identity.CalledBy;
import dev.warden.support.identity.InternalCallProperties;
import dev.warden.support.validation.WellFormedText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The gateway's token check (its service token; never routed; no other service may ask),
 * by the token's hash: the gateway checks a token's shape and checksum itself and never
 * hands token-service a token in use.
 */
@RestController
class InternalTokenController {

	private final TokenIntrospection introspection;

	InternalTokenController(TokenIntrospection introspection) {
		this.introspection = introspection;
	}

	@PostMapping("/internal/tokens/introspect")
	@CalledBy(InternalCallProperties.GATEWAY)
	TokenIntrospection.Result introspect(@Valid @RequestBody Request request) {
		return this.introspection.introspect(request.tokenHash(), request.ip(), request.userAgent());
	}

	record Request(@NotNull @Pattern(regexp = "[0-9a-f]{64}") String tokenHash,
			@Size(max = ClientLimits.MAX_ADDRESS) String ip,
			@Size(max = ClientLimits.MAX_USER_AGENT) @WellFormedText String userAgent) {

		@Override
		public String toString() {
			return "Request[<hidden>]";
		}
	}

}
