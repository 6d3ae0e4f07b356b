package dev.warden.gateway.identity;

import java.util.List;
import java.util.Locale;

import dev.warden.gateway.FilterOrder;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Removes every identity a client could try to assert (its own {@code Authorization},
 * cookies, {@code X-User-*}-style headers, and any
 * {@code Forwarded}/{@code X-Forwarded-*} chain) before a request goes downstream, then
 * attaches the gateway's own internal JWT when an authenticator has established the
 * caller (or an anonymous one on sign-in paths). The client's address travels only inside
 * that JWT ({@code cip}). A request without one reaches a service unauthenticated, and
 * the service refuses it: fail closed.
 */
@Component
class IdentityHeadersFilter implements GlobalFilter, Ordered {

	/**
	 * Headers a service (or a library in it) could take as who or where the caller is.
	 * Forwarding chains go too: a chain the client wrote must not reach a service that
	 * might believe it (Spring Cloud Gateway's own X-Forwarded/Forwarded filters stay
	 * off, as {@code spring.cloud.gateway.server.webflux.trusted-proxies} is unset).
	 */
	static final List<String> IDENTITY_HEADER_PREFIXES = List.of("x-user", "x-warden", "warden-", "x-auth",
			"x-forwarded", "x-remote-user", "x-roles", "x-real-ip", "x-client-ip", "forwarded", "true-client-ip");

	private final InternalTokenMinter minter;

	private final TokenCreation tokenCreation;

	IdentityHeadersFilter(InternalTokenMinter minter, TokenCreation tokenCreation) {
		this.minter = minter;
		this.tokenCreation = tokenCreation;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		CallerIdentity caller = exchange.getAttribute(CallerIdentity.ATTRIBUTE);
		// Routes are named after the service they go to (RoutesConfiguration): that
		// service is the token's audience.
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		ServerWebExchange cleaned = exchange.mutate().request((request) -> request.headers((headers) -> {
			headers.remove(HttpHeaders.AUTHORIZATION);
			headers.remove(HttpHeaders.COOKIE);
			headers.remove("Proxy-Authorization");
			List<String> spoofable = headers.headerNames()
				.stream()
				.filter((name) -> isIdentityHeader(name.toLowerCase(Locale.ROOT)))
				.toList();
			spoofable.forEach(headers::remove);
			if (caller != null && route != null) {
				headers.setBearerAuth(this.minter.mint(caller, route.getId()));
			}
		})).build();
		if (caller != null && this.tokenCreation.applies(cleaned, caller)) {
			return this.tokenCreation.forward(cleaned, chain, caller);
		}
		return chain.filter(cleaned);
	}

	private static boolean isIdentityHeader(String name) {
		return IDENTITY_HEADER_PREFIXES.stream().anyMatch(name::startsWith);
	}

	@Override
	public int getOrder() {
		return FilterOrder.IDENTITY_HEADERS;
	}

}
