package dev.warden.gateway.protection;

import dev.warden.gateway.FilterOrder;
import dev.warden.gateway.authentication.CookieProperties;
import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Security headers on every answer of the gateway (OWASP Secure Headers): no MIME
 * sniffing, no framing, no referrer leaks, a strict Content Security Policy without
 * inline scripts, no caching of API answers, and HSTS when the suite runs on HTTPS (the
 * secure cookie setting says so).
 */
@Component
@Order(FilterOrder.SECURITY_HEADERS)
class SecurityHeadersFilter implements WebFilter {

	static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
			+ "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

	private final boolean secure;

	SecurityHeadersFilter(CookieProperties cookie) {
		this.secure = cookie.secure();
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		exchange.getResponse().beforeCommit(() -> {
			HttpHeaders headers = exchange.getResponse().getHeaders();
			headers.set("X-Content-Type-Options", "nosniff");
			headers.set("X-Frame-Options", "DENY");
			headers.set("Referrer-Policy", "no-referrer");
			headers.set("Content-Security-Policy", CSP);
			headers.set("Cross-Origin-Opener-Policy", "same-origin");
			headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
			if (exchange.getRequest().getPath().value().startsWith("/api/")) {
				headers.setCacheControl("no-store");
			}
			if (this.secure) {
				headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
			}
			return Mono.empty();
		});
		return chain.filter(exchange);
	}

}
