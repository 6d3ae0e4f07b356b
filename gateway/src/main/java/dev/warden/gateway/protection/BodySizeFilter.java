package dev.warden.gateway.protection;

import dev.warden.gateway.FilterOrder;
import dev.warden.gateway.problem.GatewayProblem;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses request bodies larger than the limit before anything reads them (413), and
 * bodies of unknown length (411): every client the API serves sends
 * {@code Content-Length} for a JSON body, and an unbounded chunked body would otherwise
 * reach a service unmeasured.
 */
@Component
@Order(FilterOrder.BODY_SIZE)
class BodySizeFilter implements WebFilter {

	private final long limit;

	private final JsonMapper json;

	BodySizeFilter(ProtectionProperties properties, JsonMapper json) {
		this.limit = properties.maxBodySize().toBytes();
		this.json = json;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		HttpHeaders headers = exchange.getRequest().getHeaders();
		long length = headers.getContentLength();
		if (length > this.limit) {
			return GatewayProblem.payloadTooLarge(this.limit).write(exchange, this.json);
		}
		if (length < 0 && headers.containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
			return GatewayProblem.lengthRequired().write(exchange, this.json);
		}
		return chain.filter(exchange);
	}

}
