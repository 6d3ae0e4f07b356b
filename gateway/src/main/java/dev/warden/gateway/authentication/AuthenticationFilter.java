package dev.warden.gateway.authentication;

import java.time.Duration;

import dev.warden.gateway.client.ClientAddresses;
import dev.warden.gateway.identity.CallerIdentity;
import dev.warden.gateway.problem.GatewayProblems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Establishes who is calling before anything is routed: a session cookie is introspected at session-service and
 * its caller is who auth-service's grant for that cookie says ({@link SessionIntrospector}); a request that cannot
 * be verified never reaches a service (401), and one that cannot be checked because the session store is
 * unreachable is refused too (503): the gateway fails closed. Sessions that must change their password reach only
 * the password change, the policy, {@code /api/me} and logout; once the password is done, sessions that must set
 * up two-factor authentication reach only its set-up, re-authentication, the policy, {@code /api/me} and logout.
 */
@Component
class AuthenticationFilter implements GlobalFilter, Ordered {

	private static final Logger log = LoggerFactory.getLogger(AuthenticationFilter.class);

	private static final String BEARER = "Bearer ";

	private final SessionIntrospector sessions;

	private final TokenIntrospector tokens;

	private final CookieProperties cookie;

	private final JsonMapper json;

	private final ClientAddresses clients;

	private final CarriedRevocations revocations;

	AuthenticationFilter(SessionIntrospector sessions, TokenIntrospector tokens, CookieProperties cookie,
			JsonMapper json, ClientAddresses clients, CarriedRevocations revocations) {
		this.sessions = sessions;
		this.tokens = tokens;
		this.cookie = cookie;
		this.json = json;
		this.clients = clients;
		this.revocations = revocations;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		String path = exchange.getRequest().getPath().pathWithinApplication().value();
		if (AccessPolicy.isPublic(path, exchange.getRequest().getMethod())) {
			// Still vouched for, anonymously: the service then knows the request came through this door.
			HttpCookie presented = exchange.getRequest().getCookies().getFirst(this.cookie.effectiveName());
			if (presented != null && AccessPolicy.isSignIn(path)) {
				return signInReplacing(exchange, chain, presented.getValue());
			}
			exchange.getAttributes().put(CallerIdentity.ATTRIBUTE, CallerIdentity.anonymous(this.clients.of(exchange)));
			return chain.filter(exchange);
		}
		String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		// Only Warden's own tokens are credentials here; any other Authorization value is ignored (and stripped).
		if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
				&& authorization.substring(BEARER.length()).strip().startsWith(TokenIntrospector.PREFIX)) {
			String token = authorization.substring(BEARER.length()).strip();
			return this.tokens.introspect(token, this.clients.of(exchange),
					exchange.getRequest().getHeaders().getFirst(HttpHeaders.USER_AGENT))
				.flatMap((result) -> proceedWithToken(exchange, chain, path, result))
				.onErrorResume(AuthenticationUnavailableException.class, (ex) -> unavailable(exchange, ex, "token"));
		}
		HttpCookie session = exchange.getRequest().getCookies().getFirst(this.cookie.effectiveName());
		if (session == null) {
			return unauthenticated(exchange, false);
		}
		return this.sessions.introspect(session.getValue())
			.flatMap((result) -> proceed(exchange, chain, path, session.getValue(), result))
			.onErrorResume(AuthenticationUnavailableException.class, (ex) -> unavailable(exchange, ex, "session"));
	}

	/**
	 * A sign-in from a browser that still presents a live session: the new session replaces it (OWASP ASVS 5.0
	 * 7.2.4), so auth-service is told which one to end once the sign-in completes, and this replica forgets the old
	 * cookie before its answer leaves. A session that cannot be checked is simply not replaced.
	 */
	private Mono<Void> signInReplacing(ServerWebExchange exchange, GatewayFilterChain chain, String presented) {
		return this.sessions.introspect(presented)
			.map((session) -> session.active()
					? new CallerIdentity.PreviousSession(session.userId(), session.sessionId()) : NO_SESSION)
			.onErrorReturn(AuthenticationUnavailableException.class, NO_SESSION)
			.flatMap((previous) -> {
				boolean replaces = previous != NO_SESSION;
				exchange.getAttributes()
					.put(CallerIdentity.ATTRIBUTE,
							CallerIdentity.anonymous(this.clients.of(exchange), replaces ? previous : null));
				if (replaces) {
					this.revocations.forgetOnSignIn(exchange, presented);
				}
				return chain.filter(exchange);
			});
	}

	private static final CallerIdentity.PreviousSession NO_SESSION = new CallerIdentity.PreviousSession(null, null);

	private Mono<Void> unavailable(ServerWebExchange exchange, AuthenticationUnavailableException ex, String what) {
		log.warn("The {} store is unreachable, refusing the request: {}", what, ex.getCause().toString());
		return GatewayProblems.write(exchange, this.json, HttpStatus.SERVICE_UNAVAILABLE,
				"authentication_unavailable", "Authentication unavailable",
				"Your " + what + " cannot be verified right now. Try again shortly.");
	}

	/**
	 * An API token acts as its user with the token's one role, and never on the security settings, the user's own
	 * settings or administration changes: a leaked token cannot change the password, mint more tokens or administer.
	 */
	private Mono<Void> proceedWithToken(ServerWebExchange exchange, GatewayFilterChain chain, String path,
			TokenIntrospection token) {
		if (!token.active()) {
			exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
			String reason = token.reason() == null ? "" : token.reason();
			return switch (reason) {
				case "expired" -> GatewayProblems.write(exchange, this.json, HttpStatus.UNAUTHORIZED, "token_expired",
						"Token expired", "This API token has expired. Create a new one on the Security page.");
				case "revoked" -> GatewayProblems.write(exchange, this.json, HttpStatus.UNAUTHORIZED, "token_revoked",
						"Token revoked", "This API token was revoked.");
				default -> GatewayProblems.write(exchange, this.json, HttpStatus.UNAUTHORIZED, "unauthenticated",
						"Unauthenticated", "This API token is not valid.");
			};
		}
		if (AccessPolicy.needsSession(path, exchange.getRequest().getMethod())) {
			return GatewayProblems.write(exchange, this.json, HttpStatus.FORBIDDEN, "session_required",
					"Session required", "Security settings and administration can only be changed from a signed-in session, not with an API token.");
		}
		if (AccessPolicy.isAdministration(path) && !"ADMIN".equals(token.role())) {
			return GatewayProblems.write(exchange, this.json, HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
					"Administration needs the ADMIN role.");
		}
		exchange.getAttributes()
			.put(CallerIdentity.ATTRIBUTE, new CallerIdentity(token.userId(), java.util.List.of(token.role()), null,
					token.tokenId(), java.util.List.of("token"), null, this.clients.of(exchange), null));
		return chain.filter(exchange);
	}

	private Mono<Void> proceed(ServerWebExchange exchange, GatewayFilterChain chain, String path, String cookie,
			SessionIntrospection session) {
		if (!session.active()) {
			return unauthenticated(exchange, true);
		}
		if (session.mustChangePassword() && !AccessPolicy.allowedWhilePasswordChangeRequired(path)) {
			return GatewayProblems.write(exchange, this.json, HttpStatus.FORBIDDEN, "password_change_required",
					"Password change required", "Change your password before doing anything else.");
		}
		// The password change comes first: a session with both flags is held by the one above until it is done.
		if (!session.mustChangePassword() && session.mustSetUpTwoFactor()
				&& !AccessPolicy.allowedWhileTwoFactorSetupRequired(path)) {
			return GatewayProblems.write(exchange, this.json, HttpStatus.FORBIDDEN, "two_factor_setup_required",
					"Two-factor set-up required",
					"Your organisation requires two-factor authentication. Set it up before doing anything else.");
		}
		if (AccessPolicy.isAdministration(path) && !session.roles().contains("ADMIN")) {
			return GatewayProblems.write(exchange, this.json, HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
					"Administration needs the ADMIN role.");
		}
		exchange.getAttributes()
			.put(CallerIdentity.ATTRIBUTE, new CallerIdentity(session.userId(), session.roles(), session.sessionId(),
					null, session.authMethods(), session.authenticatedAt(), this.clients.of(exchange), null));
		this.revocations.forgetOnSuccess(exchange, cookie, session);
		return chain.filter(exchange);
	}

	private Mono<Void> unauthenticated(ServerWebExchange exchange, boolean clearCookie) {
		if (clearCookie) {
			exchange.getResponse()
				.addCookie(ResponseCookie.from(this.cookie.effectiveName(), "")
					.path("/")
					.maxAge(Duration.ZERO)
					.httpOnly(true)
					.secure(this.cookie.secure())
					.sameSite("Lax")
					.build());
		}
		exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		return GatewayProblems.write(exchange, this.json, HttpStatus.UNAUTHORIZED, "unauthenticated",
				"Unauthenticated", "Sign in first.");
	}

	@Override
	public int getOrder() {
		// Before every route filter, so an unauthenticated request never counts against a service's breaker.
		return Ordered.HIGHEST_PRECEDENCE + 100;
	}
}
