package dev.warden.gateway.routing;

import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;
import org.jspecify.annotations.Nullable;
import reactor.util.context.ContextView;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;

/**
 * Carries the request's trace to the service it is routed to ({@code traceparent}, from
 * the gateway's own server span), without a second observation per request: Spring Cloud
 * Gateway's observed header filters started a client observation — a timer, a long-task
 * timer and a span — around every proxied call, an eighth of the gateway's time under
 * load, for a duration the server span and the access log already give.
 */
final class TraceHeaders implements HttpHeadersFilter {

	private final Propagator propagator;

	TraceHeaders(Propagator propagator) {
		this.propagator = propagator;
	}

	@Override
	public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
		HttpHeaders headers = new HttpHeaders();
		headers.putAll(input);
		// Trace headers the client sent are the parent of the gateway's server span at
		// most: the service's parent is the gateway's span.
		this.propagator.fields().forEach(headers::remove);
		Span span = currentSpan(exchange);
		if (span != null) {
			this.propagator.inject(span.context(), headers, (carrier, name, value) -> headers.set(name, value));
		}
		return headers;
	}

	@Override
	public boolean supports(Type type) {
		return type == Type.REQUEST;
	}

	private static @Nullable Span currentSpan(ServerWebExchange exchange) {
		Observation observation = null;
		ContextView reactorContext = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REACTOR_CONTEXT_ATTR);
		if (reactorContext != null) {
			observation = reactorContext.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
		}
		Observation.Context context = (observation != null) ? observation.getContext()
				: ServerRequestObservationContext.findCurrent(exchange.getAttributes()).orElse(null);
		TracingObservationHandler.TracingContext tracing = (context != null)
				? context.get(TracingObservationHandler.TracingContext.class) : null;
		return (tracing != null) ? tracing.getSpan() : null;
	}

}
