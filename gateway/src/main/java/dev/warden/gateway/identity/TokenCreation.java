package dev.warden.gateway.identity;

import java.nio.charset.StandardCharsets;

import dev.warden.event.ApiTokenFormat;
import dev.warden.serviceidentity.token.TokenGrants;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.jspecify.annotations.Nullable;

/**
 * A signed-in user creating an API token: the gateway makes the token's value and signs
 * its grant — whose it is, the one role and the validity the owner chose, bound to the
 * value's hash — and hands both to token-service, which keeps the grant with the token.
 * Every later use of the token is believed only as far as that grant goes, whatever
 * token-service says. The request body (small: the body-size limit applies before) is
 * read once and passed on as it came.
 */
@Component
class TokenCreation {

	static final String VALUE_HEADER = TokenGrants.VALUE_HEADER;

	static final String GRANT_HEADER = TokenGrants.GRANT_HEADER;

	static final String PATH = "/api/security/tokens";

	private final TokenGrants grants;

	private final JsonMapper json;

	TokenCreation(TokenGrants grants, JsonMapper json) {
		this.grants = grants;
		this.json = json;
	}

	/** Whether this is a signed-in user's token creation. */
	boolean applies(ServerWebExchange exchange, CallerIdentity caller) {
		ServerHttpRequest request = exchange.getRequest();
		return !caller.isAnonymous() && caller.sessionId() != null && HttpMethod.POST.equals(request.getMethod())
				&& PATH.equals(request.getPath().pathWithinApplication().value());
	}

	/**
	 * Passes the creation on with a fresh value and its grant. A body that names no role
	 * the caller holds, or no validity of 1 to 12 months, gets neither: token-service
	 * then refuses it with its own answer.
	 */
	Mono<Void> forward(ServerWebExchange exchange, GatewayFilterChain chain, CallerIdentity caller) {
		return ServerWebExchangeUtils.cacheRequestBodyAndRequest(exchange, (cached) -> {
			Chosen chosen = chosen(exchange.getAttribute(ServerWebExchangeUtils.CACHED_REQUEST_BODY_ATTR));
			String userId = caller.userId();
			if (chosen == null || userId == null || !caller.roles().contains(chosen.role())) {
				return chain.filter(exchange.mutate().request(cached).build());
			}
			String value = ApiTokenFormat.newToken();
			String grant = this.grants.sign(userId, chosen.role(), chosen.validityMonths(), ApiTokenFormat.hash(value));
			ServerHttpRequest granted = cached.mutate().headers((headers) -> {
				headers.set(VALUE_HEADER, value);
				headers.set(GRANT_HEADER, grant);
			}).build();
			return chain.filter(exchange.mutate().request(granted).build());
		});
	}

	private @Nullable Chosen chosen(@Nullable DataBuffer body) {
		if (body == null) {
			return null;
		}
		try {
			JsonNode request = this.json
				.readTree(body.toString(body.readPosition(), body.readableByteCount(), StandardCharsets.UTF_8));
			JsonNode role = request.get("role");
			JsonNode months = request.get("validityMonths");
			if (role == null || !role.isString() || months == null || !months.isIntegralNumber() || months.asInt() < 1
					|| months.asInt() > 12) {
				return null;
			}
			return new Chosen(role.asString(), months.asInt());
		}
		catch (RuntimeException ex) {
			// Not JSON: token-service answers that.
			return null;
		}
	}

	private record Chosen(String role, int validityMonths) {
	}

}
