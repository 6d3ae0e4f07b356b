package dev.warden.gateway.problem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * Answers the gateway's own failures (no route, wrong method, body too large, anything
 * unexpected) as problem+json with a stable code, ahead of Boot's default error handler,
 * and without internal details.
 */
@Component
@Order(-2)
class GatewayErrorHandler implements WebExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(GatewayErrorHandler.class);

	private final JsonMapper json;

	GatewayErrorHandler(JsonMapper json) {
		this.json = json;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		if (exchange.getResponse().isCommitted()) {
			return Mono.error(ex);
		}
		HttpStatusCode status;
		String detail;
		if (ex instanceof ResponseStatusException response) {
			status = response.getStatusCode();
			detail = status.value() == 404 ? "No such resource." : response.getReason();
		}
		else {
			log.error("Unexpected gateway failure", ex);
			status = HttpStatus.INTERNAL_SERVER_ERROR;
			detail = "Something went wrong on our side; it has been logged.";
		}
		HttpStatus known = HttpStatus.resolve(status.value());
		return GatewayProblems.write(exchange, this.json, status, GatewayProblems.codeFor(status),
				known == null ? "Error" : known.getReasonPhrase(), detail);
	}

}
