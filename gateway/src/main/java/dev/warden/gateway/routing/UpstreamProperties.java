package dev.warden.gateway.routing;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where each service answers ({@code WARDEN_UPSTREAM_AUTH} and so on).
 *
 * @param loadBalance {@code true} when a service may run as several replicas behind one
 * DNS name (Docker Compose's {@code --scale}): every address the name resolves to is an
 * instance, and requests and introspection calls are spread over them round-robin by
 * Spring Cloud LoadBalancer ({@code WARDEN_UPSTREAM_LOADBALANCE})
 */
@ConfigurationProperties("warden.upstream")
public record UpstreamProperties(@DefaultValue("http://localhost:8081") URI auth,
		@DefaultValue("http://localhost:8082") URI session, @DefaultValue("http://localhost:8083") URI token,
		@DefaultValue("http://localhost:8084") URI notification, @DefaultValue("http://localhost:8085") URI audit,
		@DefaultValue("false") boolean loadBalance) {

	/** Each service's name (its load-balancer id) and configured URL. */
	public java.util.Map<String, URI> byService() {
		java.util.Map<String, URI> services = new java.util.LinkedHashMap<>();
		services.put(Upstreams.AUTH, this.auth);
		services.put(Upstreams.SESSION, this.session);
		services.put(Upstreams.TOKEN, this.token);
		services.put(Upstreams.NOTIFICATION, this.notification);
		services.put(Upstreams.AUDIT, this.audit);
		return services;
	}
}
