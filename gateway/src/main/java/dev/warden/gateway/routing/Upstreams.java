package dev.warden.gateway.routing;

import java.net.URI;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.loadbalancer.reactive.ReactorLoadBalancerExchangeFilterFunction;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * How the gateway reaches a service: straight at its configured URL, or — with load
 * balancing on — through Spring Cloud LoadBalancer by the service's name, over every
 * replica {@link DnsDiscoveryClient} finds.
 */
@Component
public class Upstreams {

	public static final String AUTH = "auth-service";

	public static final String SESSION = "session-service";

	public static final String TOKEN = "token-service";

	public static final String NOTIFICATION = "notification-service";

	public static final String AUDIT = "audit-service";

	private final UpstreamProperties properties;

	private final ObjectProvider<ReactorLoadBalancerExchangeFilterFunction> loadBalancer;

	Upstreams(UpstreamProperties properties, ObjectProvider<ReactorLoadBalancerExchangeFilterFunction> loadBalancer) {
		this.properties = properties;
		this.loadBalancer = loadBalancer;
	}

	/**
	 * The URI a route forwards to: {@code lb://<service>} when balancing, the configured
	 * URL otherwise.
	 */
	public URI routeUri(String service) {
		return this.properties.loadBalance() ? URI.create("lb://" + service) : configured(service);
	}

	/**
	 * A client whose relative requests go to the service (one of its replicas when
	 * balancing).
	 */
	public WebClient client(WebClient.Builder builder, String service) {
		if (!this.properties.loadBalance()) {
			return builder.clone().baseUrl(configured(service).toString()).build();
		}
		URI configured = configured(service);
		return builder.clone()
			.baseUrl(configured.getScheme() + "://" + service)
			.filter(this.loadBalancer.getObject())
			.build();
	}

	private URI configured(String service) {
		URI uri = this.properties.byService().get(service);
		if (uri == null) {
			throw new IllegalArgumentException("No upstream named " + service);
		}
		return uri;
	}

}
