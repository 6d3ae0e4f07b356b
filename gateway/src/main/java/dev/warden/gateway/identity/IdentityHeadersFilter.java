package dev.warden.gateway.identity;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Removes every identity a client could try to assert (its own {@code Authorization}, cookies, and
 * {@code X-User-*}-style headers) before a request goes downstream, then attaches the gateway's own internal
 * JWT when an authenticator has established the caller. A request without one reaches a service anonymous,
 * and the service refuses it: fail closed.
 */
@Component
class IdentityHeadersFilter implements GlobalFilter, Ordered {

	static final List<String> IDENTITY_HEADER_PREFIXES = List.of("x-user", "x-warden", "x-auth", "x-forwarded-user",
			"x-remote-user", "x-forwarded-email", "x-roles");

	/** The client's address as the gateway saw it; services record it with sessions and events. */
	static final String CLIENT_IP_HEADER = "X-Warden-Client-Ip";

	private final InternalTokenMinter minter;

	IdentityHeadersFilter(InternalTokenMinter minter) {
		this.minter = minter;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		CallerIdentity caller = exchange.getAttribute(CallerIdentity.ATTRIBUTE);
		ServerWebExchange cleaned = exchange.mutate().request((request) -> request.headers((headers) -> {
			headers.remove(HttpHeaders.AUTHORIZATION);
			headers.remove(HttpHeaders.COOKIE);
			headers.remove("Proxy-Authorization");
			List<String> spoofable = headers.headerNames()
				.stream()
				.filter((name) -> isIdentityHeader(name.toLowerCase(Locale.ROOT)))
				.toList();
			spoofable.forEach(headers::remove);
			// Set after the strip above, so only the gateway's own view of the client's address reaches a service.
			InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
			if (remote != null && remote.getAddress() != null) {
				headers.set(CLIENT_IP_HEADER, remote.getAddress().getHostAddress());
			}
			if (caller != null) {
				headers.setBearerAuth(this.minter.mint(caller));
			}
		})).build();
		return chain.filter(cleaned);
	}

	private static boolean isIdentityHeader(String name) {
		return IDENTITY_HEADER_PREFIXES.stream().anyMatch(name::startsWith);
	}

	@Override
	public int getOrder() {
		// Late, after authentication, but before the routing filters send the request.
		return Ordered.LOWEST_PRECEDENCE - 100;
	}
}
