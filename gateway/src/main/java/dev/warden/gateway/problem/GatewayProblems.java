package dev.warden.gateway.problem;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.server.ServerWebExchange;
import org.jspecify.annotations.Nullable;

/**
 * RFC 9457 problem bodies the gateway answers with itself, in the same shape as the
 * services'.
 */
public final class GatewayProblems {

	private GatewayProblems() {
	}

	public static Map<String, Object> body(HttpStatusCode status, String code, String title, @Nullable String detail) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", URI.create("https://warden.dev/problems/" + code.replace('_', '-')).toString());
		body.put("title", title);
		body.put("status", status.value());
		body.put("detail", detail);
		body.put("code", code);
		return body;
	}

	/**
	 * Exchange attribute: the code of the problem the gateway itself answered with (for
	 * the access log).
	 */
	public static final String REFUSAL = GatewayProblems.class.getName() + ".refusal";

	/**
	 * Writes a problem+json answer, for filters that refuse a request before it is
	 * routed.
	 */
	public static Mono<Void> write(ServerWebExchange exchange, JsonMapper json, HttpStatusCode status, String code,
			String title, @Nullable String detail) {
		exchange.getAttributes().put(REFUSAL, code);
		HttpHeaders request = exchange.getRequest().getHeaders();
		if (request.getContentLength() > 0 || request.containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
			// Refused before its body was read: close the connection rather than leave
			// the unread body in front of
			// the client's next request on it (RFC 9112 §9.3).
			exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
		}
		exchange.getResponse().setStatusCode(status);
		exchange.getResponse().getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		DataBuffer buffer = exchange.getResponse()
			.bufferFactory()
			.wrap(json.writeValueAsBytes(body(status, code, title, detail)));
		return exchange.getResponse().writeWith(Mono.just(buffer));
	}

	static String codeFor(HttpStatusCode status) {
		return switch (status.value()) {
			case 400 -> "bad_request";
			case 401 -> "unauthenticated";
			case 403 -> "forbidden";
			case 404 -> "not_found";
			case 405 -> "method_not_allowed";
			case 413 -> "payload_too_large";
			case 415 -> "unsupported_media_type";
			case 429 -> "too_many_requests";
			case 503 -> "service_unavailable";
			case 504 -> "gateway_timeout";
			default -> status.is5xxServerError() ? "internal_error" : "request_failed";
		};
	}

}
