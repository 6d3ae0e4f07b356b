package dev.warden.gateway.protection;

import dev.warden.gateway.FilterOrder;
import dev.warden.gateway.client.ClientAddresses;
import dev.warden.gateway.identity.CallerIdentity;
import dev.warden.gateway.problem.GatewayProblems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * One access-log line per request, refused ones included: method, path (without the query
 * string), status, duration, the client's address and the user id the gateway
 * established. Never the cookie, a token or a header value. The log pattern adds the
 * trace id, which the gateway propagates downstream as W3C {@code traceparent}.
 */
@Component
@Order(FilterOrder.ACCESS_LOG)
class AccessLogFilter implements WebFilter {

	private static final Logger log = LoggerFactory.getLogger("warden.access");

	private final ClientAddresses clients;

	AccessLogFilter(ClientAddresses clients) {
		this.clients = clients;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		long started = System.nanoTime();
		return chain.filter(exchange).doFinally((signal) -> {
			CallerIdentity caller = exchange.getAttribute(CallerIdentity.ATTRIBUTE);
			HttpStatusCode status = exchange.getResponse().getStatusCode();
			String refusal = exchange.getAttribute(GatewayProblems.REFUSAL);
			Object[] line = { exchange.getRequest().getMethod(), exchange.getRequest().getPath().value(),
					status == null ? 200 : status.value(), (System.nanoTime() - started) / 1_000_000,
					this.clients.of(exchange), caller == null || caller.isAnonymous() ? "-" : caller.userId(),
					refusal };
			if (refusal == null) {
				log.info("{} {} {} {}ms client={} user={}", line);
			}
			else {
				// Refused by the gateway itself (no session, CSRF, foreign origin, rate
				// limit, malformed path...):
				// the attempts to get around a control, at WARN with the reason.
				log.warn("{} {} {} {}ms client={} user={} refused={}", line);
			}
		});
	}

}
