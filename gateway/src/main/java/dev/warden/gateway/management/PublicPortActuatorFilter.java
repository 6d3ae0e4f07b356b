package dev.warden.gateway.management;

import java.net.InetSocketAddress;
import java.util.Locale;

import dev.warden.gateway.FilterOrder;
import dev.warden.gateway.problem.GatewayProblem;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * On the gateway's public port {@code /actuator} and everything under it is not there
 * (404 problem, before anything else looks at the request): health, metrics and info
 * answer on the management port only, which is never published. The management server (a
 * child context) runs its parent's web filters too, so this one lets through what arrives
 * on the management port.
 */
@Component
@Order(FilterOrder.PUBLIC_PORT_ACTUATOR)
@ConditionalOnManagementPort(ManagementPortType.DIFFERENT)
class PublicPortActuatorFilter implements WebFilter, ApplicationListener<WebServerInitializedEvent> {

	private static final String MANAGEMENT = "management";

	private final JsonMapper json;

	/**
	 * The management server's port once it listens (a random one in tests); -1 before.
	 */
	private volatile int managementPort = -1;

	PublicPortActuatorFilter(JsonMapper json) {
		this.json = json;
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		if (MANAGEMENT.equals(event.getApplicationContext().getServerNamespace())) {
			this.managementPort = event.getWebServer().getPort();
		}
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		InetSocketAddress local = exchange.getRequest().getLocalAddress();
		boolean onManagementPort = local != null && local.getPort() == this.managementPort;
		if (!onManagementPort && isActuator(exchange.getRequest().getURI().getRawPath())) {
			return GatewayProblem.notFound().write(exchange, this.json);
		}
		return chain.filter(exchange);
	}

	static boolean isActuator(String rawPath) {
		if (rawPath == null) {
			return false;
		}
		String path = rawPath.replaceAll("/{2,}", "/").toLowerCase(Locale.ROOT);
		return path.equals("/actuator") || path.startsWith("/actuator/") || path.startsWith("/actuator;")
				|| path.startsWith("/actuator%");
	}

}
