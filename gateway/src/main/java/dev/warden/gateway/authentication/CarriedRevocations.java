package dev.warden.gateway.authentication;

import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.jspecify.annotations.Nullable;

/**
 * The replica that carries a revocation forgets the credentials it ends before its answer
 * leaves (a successful one only): the client's very next request must not be answered
 * from this replica's cache, even before the revocation event reaches it (and the other
 * replicas).
 */
@Component
class CarriedRevocations {

	private static final PathPatternParser PARSER = PathPatternParser.defaultInstance;

	private static final PathPattern LOGOUT = PARSER.parse("/api/auth/logout");

	private static final PathPattern REAUTHENTICATE = PARSER.parse("/api/auth/reauthenticate");

	private static final PathPattern PASSWORD = PARSER.parse("/api/security/password");

	private static final PathPattern TWO_FACTOR_CONFIRM = PARSER.parse("/api/security/two-factor/confirm");

	private static final PathPattern END_OTHERS = PARSER.parse("/api/security/sessions/end-others");

	private static final PathPattern ONE_SESSION = PARSER.parse("/api/security/sessions/{id}");

	private static final PathPattern ONE_TOKEN = PARSER.parse("/api/security/tokens/{id}");

	private static final PathPattern USERS_SESSIONS = PARSER.parse("/api/admin/users/{id}/sessions/end");

	private final SessionIntrospector sessions;

	private final TokenIntrospector tokens;

	private final CookieProperties cookie;

	CarriedRevocations(SessionIntrospector sessions, TokenIntrospector tokens, CookieProperties cookie) {
		this.sessions = sessions;
		this.tokens = tokens;
		this.cookie = cookie;
	}

	/**
	 * Registers what a successful answer to this request by a signed-in session ends, if
	 * anything.
	 */
	void forgetOnSuccess(ServerWebExchange exchange, String cookie, SessionIntrospection caller) {
		Runnable forget = revokedBy(exchange.getRequest().getMethod(),
				exchange.getRequest().getPath().pathWithinApplication(), cookie, caller);
		if (forget == null) {
			return;
		}
		exchange.getResponse().beforeCommit(() -> {
			HttpStatusCode status = exchange.getResponse().getStatusCode();
			if (status != null && status.is2xxSuccessful()) {
				forget.run();
			}
			return Mono.empty();
		});
	}

	/**
	 * A completed sign-in replaced the session of the cookie the browser presented:
	 * forget that cookie.
	 */
	void forgetOnSignIn(ServerWebExchange exchange, String presented) {
		exchange.getResponse().beforeCommit(() -> {
			HttpStatusCode status = exchange.getResponse().getStatusCode();
			if (status != null && status.is2xxSuccessful() && exchange.getResponse()
				.getHeaders()
				.getOrEmpty(HttpHeaders.SET_COOKIE)
				.stream()
				.anyMatch((set) -> set.startsWith(this.cookie.effectiveName() + "=") && !set.contains("Max-Age=0"))) {
				this.sessions.forget(presented);
			}
			return Mono.empty();
		});
	}

	private @Nullable Runnable revokedBy(HttpMethod method, PathContainer path, String cookie,
			SessionIntrospection caller) {
		if (HttpMethod.POST.equals(method)) {
			if (LOGOUT.matches(path) || REAUTHENTICATE.matches(path) || TWO_FACTOR_CONFIRM.matches(path)) {
				// Sign-out ends the session; re-authentication and turning two-factor on
				// renew it under a new cookie.
				return () -> this.sessions.forget(cookie);
			}
			if (END_OTHERS.matches(path)) {
				return () -> this.sessions.evictUser(caller.userId(), caller.sessionId());
			}
			String user = variable(USERS_SESSIONS, path);
			if (user != null) {
				// An administrator ended every session of that user.
				return () -> this.sessions.evictUser(user, null);
			}
			if (PASSWORD.matches(path)) {
				// Ends the user's other sessions and renews this one under a new cookie.
				return () -> {
					this.sessions.evictUser(caller.userId(), caller.sessionId());
					this.sessions.forget(cookie);
				};
			}
		}
		if (HttpMethod.DELETE.equals(method)) {
			String session = variable(ONE_SESSION, path);
			if (session != null && !"end-others".equals(session)) {
				return () -> this.sessions.evictSession(session);
			}
			String token = variable(ONE_TOKEN, path);
			if (token != null) {
				return () -> this.tokens.evictToken(token);
			}
		}
		return null;
	}

	private static @Nullable String variable(PathPattern pattern, PathContainer path) {
		PathPattern.PathMatchInfo match = pattern.matchAndExtract(path);
		Map<String, String> variables = match == null ? Map.of() : match.getUriVariables();
		return variables.get("id");
	}

}
