package dev.warden.gateway.identity;

import dev.warden.event.ApiTokenFormat;
import dev.warden.serviceidentity.token.TokenGrants;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * A signed-in user creating an API token: the gateway makes the token's value and signs its grant (whose it is and
 * which roles it may be given, bound to the value's hash) and hands both to token-service, which keeps the grant with
 * the token. Every later use of the token is believed only as far as that grant goes, whatever token-service says.
 */
@Component
class TokenCreation {

	/** The new token's value, for token-service to store (as a hash) and show the user once. */
	static final String VALUE_HEADER = "Warden-Token-Value";

	/** The gateway's grant for it. */
	static final String GRANT_HEADER = "Warden-Token-Grant";

	static final String PATH = "/api/security/tokens";

	private final TokenGrants grants;

	TokenCreation(TokenGrants grants) {
		this.grants = grants;
	}

	/** Adds a fresh value and its grant to a token creation by a signed-in user; other requests get neither. */
	void prepare(ServerHttpRequest request, CallerIdentity caller, HttpHeaders headers) {
		if (caller == null || caller.isAnonymous() || caller.sessionId() == null
				|| !HttpMethod.POST.equals(request.getMethod())
				|| !PATH.equals(request.getPath().pathWithinApplication().value())) {
			return;
		}
		String value = ApiTokenFormat.newToken();
		headers.set(VALUE_HEADER, value);
		headers.set(GRANT_HEADER, this.grants.sign(caller.userId(), caller.roles(), ApiTokenFormat.hash(value)));
	}
}
