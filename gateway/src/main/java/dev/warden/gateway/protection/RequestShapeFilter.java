package dev.warden.gateway.protection;

import java.util.regex.Pattern;

import dev.warden.gateway.FilterOrder;
import dev.warden.gateway.problem.GatewayProblem;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses requests no service should have to parse, with a problem rather than whatever a
 * server's own error page would say: URIs longer than 4,096 characters (414); paths
 * carrying encoded control characters such as {@code %00}, encoded or raw backslashes,
 * encoded slashes, double encoding ({@code %25}), path parameters ({@code ;}) or
 * dot-segments ({@code ..}, {@code %2e%2e}) — tricks that make the gateway and a service
 * disagree about which resource is meant, and that Tomcat answers with an HTML page —
 * (400 {@code malformed_request}); and a {@code Content-Type} that is not a concrete
 * media type ({@code *}{@code /*}, garbage: 415).
 */
@Component
@Order(FilterOrder.REQUEST_SHAPE)
class RequestShapeFilter implements WebFilter {

	static final int MAX_URI_LENGTH = 4096;

	private static final Pattern ENCODED_CONTROL = Pattern.compile("%(?:[01][0-9a-fA-F]|7[fF])");

	/** Encoded slash, backslash, percent or semicolon, and raw backslash or semicolon. */
	private static final Pattern AMBIGUOUS = Pattern.compile("%(?:2[fF]|5[cC]|25|3[bB])|[\\\\;]");

	private static final Pattern ENCODED_DOT = Pattern.compile("%2[eE]");

	private final JsonMapper json;

	RequestShapeFilter(JsonMapper json) {
		this.json = json;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String uri = exchange.getRequest().getURI().getRawPath();
		String query = exchange.getRequest().getURI().getRawQuery();
		int length = uri.length() + (query == null ? 0 : query.length() + 1);
		if (length > MAX_URI_LENGTH) {
			return GatewayProblem.uriTooLong(MAX_URI_LENGTH).write(exchange, this.json);
		}
		if (ENCODED_CONTROL.matcher(uri).find() || AMBIGUOUS.matcher(uri).find() || hasDotSegment(uri)) {
			return GatewayProblem.malformedPath().write(exchange, this.json);
		}
		String contentType = exchange.getRequest().getHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
		if (contentType != null && !concrete(contentType)) {
			return GatewayProblem.unsupportedMediaType().write(exchange, this.json);
		}
		return chain.filter(exchange);
	}

	private static boolean hasDotSegment(String rawPath) {
		for (String segment : rawPath.split("/", -1)) {
			String decoded = ENCODED_DOT.matcher(segment).replaceAll(".");
			if (decoded.equals(".") || decoded.equals("..")) {
				return true;
			}
		}
		return false;
	}

	private static boolean concrete(String contentType) {
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			return !type.isWildcardType() && !type.isWildcardSubtype();
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

}
