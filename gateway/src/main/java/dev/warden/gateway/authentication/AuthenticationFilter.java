package dev.warden.gateway.authentication;

import java.time.Duration;

import dev.warden.gateway.FilterOrder;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Establishes who is calling before anything is routed ({@link CredentialResolver}), lets
 * them through only where {@link AccessPolicy} allows it ({@link Admission}), and
 * otherwise answers itself: a request that cannot be verified never reaches a service
 * (401), and one that cannot be checked because a store is unreachable is refused too
 * (503). Sessions that must change their password reach only the password change, the
 * policy, {@code /api/me} and logout; once the password is done, sessions that must set
 * up two-factor authentication reach only its set-up, re-authentication, the policy,
 * {@code /api/me} and logout.
 */
@Component
class AuthenticationFilter implements GlobalFilter, Ordered {

	private final CredentialResolver credentials;

	private final Admission admission;

	private final CookieProperties cookie;

	private final JsonMapper json;

	AuthenticationFilter(CredentialResolver credentials, Admission admission, CookieProperties cookie,
			JsonMapper json) {
		this.credentials = credentials;
		this.admission = admission;
		this.cookie = cookie;
		this.json = json;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		return this.credentials.resolve(exchange).flatMap((resolution) -> {
			if (resolution instanceof Resolution.Refused refused) {
				return refuse(exchange, refused);
			}
			Resolution.Caller caller = (Resolution.Caller) resolution;
			Access access = AccessPolicy.decide(caller, exchange.getRequest().getPath().pathWithinApplication().value(),
					exchange.getRequest().getMethod());
			if (access.refusal() != null) {
				return access.refusal().write(exchange, this.json);
			}
			this.admission.admit(exchange, caller);
			return chain.filter(exchange);
		});
	}

	private Mono<Void> refuse(ServerWebExchange exchange, Resolution.Refused refused) {
		if (refused.clearsCookie()) {
			exchange.getResponse()
				.addCookie(ResponseCookie.from(this.cookie.effectiveName(), "")
					.path("/")
					.maxAge(Duration.ZERO)
					.httpOnly(true)
					.secure(this.cookie.secure())
					.sameSite("Lax")
					.build());
		}
		if (refused.challenge() != null) {
			exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, refused.challenge());
		}
		if (refused.problem().status() == HttpStatus.SERVICE_UNAVAILABLE) {
			// The store (or the replica asked) is back within seconds, or the breaker
			// lets a test call through: say when to ask again.
			exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "2");
		}
		return refused.problem().write(exchange, this.json);
	}

	@Override
	public int getOrder() {
		return FilterOrder.AUTHENTICATION;
	}

}
