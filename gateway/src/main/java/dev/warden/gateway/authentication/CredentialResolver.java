package dev.warden.gateway.authentication;

import dev.warden.gateway.client.ClientAddresses;
import dev.warden.gateway.identity.CallerIdentity;
import dev.warden.gateway.problem.GatewayProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.jspecify.annotations.Nullable;

/**
 * Which credential a request presents, and who it stands for: a session cookie is
 * introspected at session-service and its caller is who auth-service's grant for that
 * cookie says ({@link SessionIntrospector}); a Warden API token
 * ({@code Authorization: Bearer wdn_…}) at token-service ({@link TokenIntrospector}). A
 * credential that cannot be checked because its store is unreachable is refused too: the
 * gateway fails closed.
 */
@Component
class CredentialResolver {

	private static final Logger log = LoggerFactory.getLogger(CredentialResolver.class);

	private static final String BEARER = "Bearer ";

	private static final String TOKEN_CHALLENGE = "Bearer error=\"invalid_token\"";

	private static final String SIGN_IN_CHALLENGE = "Bearer";

	private final SessionIntrospector sessions;

	private final TokenIntrospector tokens;

	private final CookieProperties cookie;

	private final ClientAddresses clients;

	CredentialResolver(SessionIntrospector sessions, TokenIntrospector tokens, CookieProperties cookie,
			ClientAddresses clients) {
		this.sessions = sessions;
		this.tokens = tokens;
		this.cookie = cookie;
		this.clients = clients;
	}

	Mono<Resolution> resolve(ServerWebExchange exchange) {
		String path = exchange.getRequest().getPath().pathWithinApplication().value();
		HttpCookie session = exchange.getRequest().getCookies().getFirst(this.cookie.effectiveName());
		if (AccessPolicy.isPublic(path, exchange.getRequest().getMethod())) {
			if (session != null && AccessPolicy.isSignIn(path)) {
				return replacedBySignIn(session.getValue());
			}
			return Mono.just(Resolution.Anonymous.NO_ONE);
		}
		String token = bearerToken(exchange);
		if (token != null) {
			return this.tokens
				.introspect(token, this.clients.of(exchange),
						exchange.getRequest().getHeaders().getFirst(HttpHeaders.USER_AGENT))
				.map(CredentialResolver::ofToken)
				.onErrorResume(AuthenticationUnavailableException.class, (ex) -> unavailable(ex, "token"));
		}
		if (session == null) {
			return Mono.just(new Resolution.Refused(GatewayProblem.unauthenticated(), SIGN_IN_CHALLENGE, false));
		}
		return this.sessions.introspect(session.getValue())
			.map((result) -> ofSession(session.getValue(), result))
			.onErrorResume(AuthenticationUnavailableException.class, (ex) -> unavailable(ex, "session"));
	}

	/**
	 * Only Warden's own tokens are credentials here; any other Authorization value is
	 * ignored (and stripped).
	 */
	private static @Nullable String bearerToken(ServerWebExchange exchange) {
		String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return null;
		}
		String token = authorization.substring(BEARER.length()).strip();
		return token.startsWith(TokenIntrospector.PREFIX) ? token : null;
	}

	/**
	 * A sign-in from a browser that still presents a live session: the new session
	 * replaces it (OWASP ASVS 5.0 7.2.4), so auth-service is told which one to end once
	 * the sign-in completes. A session that cannot be checked is simply not replaced.
	 */
	private Mono<Resolution> replacedBySignIn(String presented) {
		return this.sessions.introspect(presented)
			.map((session) -> (session.active() && session.userId() != null && session.sessionId() != null)
					? new Resolution.Anonymous(
							new CallerIdentity.PreviousSession(session.userId(), session.sessionId()), presented)
					: Resolution.Anonymous.NO_ONE)
			.onErrorReturn(AuthenticationUnavailableException.class, Resolution.Anonymous.NO_ONE)
			.cast(Resolution.class);
	}

	private static Resolution ofToken(TokenIntrospection token) {
		if (token.active()) {
			return new Resolution.Token(token);
		}
		String reason = token.reason() == null ? "" : token.reason();
		GatewayProblem problem = switch (reason) {
			case "expired" -> GatewayProblem.tokenExpired();
			case "revoked" -> GatewayProblem.tokenRevoked();
			default -> GatewayProblem.tokenInvalid();
		};
		return new Resolution.Refused(problem, TOKEN_CHALLENGE, false);
	}

	private static Resolution ofSession(String cookie, SessionIntrospection session) {
		if (!session.active()) {
			// A dead cookie: the browser is told to drop it.
			return new Resolution.Refused(GatewayProblem.unauthenticated(), SIGN_IN_CHALLENGE, true);
		}
		return new Resolution.Session(cookie, session);
	}

	private static Mono<Resolution> unavailable(AuthenticationUnavailableException ex, String what) {
		log.warn("The {} store is unreachable, refusing the request: {}", what, String.valueOf(ex.getCause()));
		return Mono.just(new Resolution.Refused(GatewayProblem.authenticationUnavailable(what), null, false));
	}

}
