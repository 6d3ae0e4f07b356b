package dev.warden.gateway.protection;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import dev.warden.gateway.FilterOrder;
import dev.warden.gateway.authentication.CookieProperties;
import dev.warden.gateway.problem.GatewayProblem;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.jspecify.annotations.Nullable;

/**
 * Cross-site request forgery protection for browser callers (OWASP CSRF cheat sheet): a
 * double-submit token (the {@code XSRF-TOKEN} cookie, readable by the page, echoed in the
 * {@code X-XSRF-TOKEN} header) on every unsafe request that carries the session cookie,
 * and an {@code Origin} check on every unsafe request that names one. API-token callers
 * send no cookie and are exempt. Every answer without the token cookie gets one.
 */
@Component
@Order(FilterOrder.CSRF)
class CsrfFilter implements WebFilter {

	static final String COOKIE = "XSRF-TOKEN";

	static final String HEADER = "X-XSRF-TOKEN";

	private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
			HttpMethod.TRACE);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final CookieProperties cookie;

	private final List<String> allowedOrigins;

	private final JsonMapper json;

	CsrfFilter(CookieProperties cookie, ProtectionProperties properties, JsonMapper json) {
		this.cookie = cookie;
		this.allowedOrigins = properties.allowedOrigins();
		this.json = json;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		HttpCookie token = exchange.getRequest().getCookies().getFirst(COOKIE);
		if (token == null) {
			issueToken(exchange);
		}
		if (SAFE.contains(exchange.getRequest().getMethod())) {
			return chain.filter(exchange);
		}
		String origin = exchange.getRequest().getHeaders().getOrigin();
		if (origin != null && !isAllowed(origin, exchange)) {
			return GatewayProblem.originNotAllowed().write(exchange, this.json);
		}
		boolean cookieAuthenticated = exchange.getRequest().getCookies().getFirst(this.cookie.effectiveName()) != null;
		if (cookieAuthenticated && !matches(token, exchange.getRequest().getHeaders().getFirst(HEADER))) {
			return GatewayProblem.csrfTokenInvalid().write(exchange, this.json);
		}
		return chain.filter(exchange);
	}

	private boolean isAllowed(String origin, ServerWebExchange exchange) {
		if (this.allowedOrigins.contains(origin)) {
			return true;
		}
		URI request = exchange.getRequest().getURI();
		String host = exchange.getRequest().getHeaders().getFirst(HttpHeaders.HOST);
		try {
			URI from = URI.create(origin);
			return host != null && host.equalsIgnoreCase(from.getRawAuthority())
					&& (from.getScheme().equals(request.getScheme()) || this.cookie.secure());
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static boolean matches(@Nullable HttpCookie token, @Nullable String header) {
		if (token == null || header == null || token.getValue().isEmpty()) {
			return false;
		}
		return MessageDigest.isEqual(token.getValue().getBytes(StandardCharsets.US_ASCII),
				header.getBytes(StandardCharsets.US_ASCII));
	}

	private void issueToken(ServerWebExchange exchange) {
		byte[] value = new byte[32];
		RANDOM.nextBytes(value);
		exchange.getResponse()
			.addCookie(ResponseCookie.from(COOKIE, Base64.getUrlEncoder().withoutPadding().encodeToString(value))
				.path("/")
				.secure(this.cookie.secure())
				.sameSite("Lax")
				.build());
	}

}
