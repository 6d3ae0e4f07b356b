package dev.warden.gateway.routing;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where each service answers ({@code WARDEN_UPSTREAM_AUTH} and so on): one URL, or
 * several separated by commas, one per replica (a static list, as {@code ./run-local.sh
 * --scale} starts them).
 *
 * @param loadBalance {@code true} when a service may run as several replicas behind one
 * DNS name (Docker Compose's {@code --scale}, a Kubernetes headless service): every
 * address the name resolves to is an instance ({@code WARDEN_UPSTREAM_LOADBALANCE}).
 * Either way, a service with more than one instance gets requests and introspection calls
 * spread over them round-robin by Spring Cloud LoadBalancer.
 */
@ConfigurationProperties("warden.upstream")
public record UpstreamProperties(@DefaultValue("http://localhost:8081") List<URI> auth,
		@DefaultValue("http://localhost:8082") List<URI> session,
		@DefaultValue("http://localhost:8083") List<URI> token,
		@DefaultValue("http://localhost:8084") List<URI> notification,
		@DefaultValue("http://localhost:8085") List<URI> audit, @DefaultValue("false") boolean loadBalance) {

	public UpstreamProperties {
		auth = List.copyOf(auth);
		session = List.copyOf(session);
		token = List.copyOf(token);
		notification = List.copyOf(notification);
		audit = List.copyOf(audit);
		byName(auth, session, token, notification, audit).forEach((service, urls) -> {
			if (urls.isEmpty()) {
				throw new IllegalArgumentException("warden.upstream: no address for " + service);
			}
		});
	}

	/** Each service's name (its load-balancer id) and its configured URLs. */
	public Map<String, List<URI>> byService() {
		return byName(this.auth, this.session, this.token, this.notification, this.audit);
	}

	/**
	 * Whether requests to the service go through the load balancer: its name may stand
	 * for several addresses, or several URLs are listed.
	 */
	public boolean balanced(String service) {
		List<URI> urls = byService().get(service);
		return this.loadBalance || (urls != null && urls.size() > 1);
	}

	private static Map<String, List<URI>> byName(List<URI> auth, List<URI> session, List<URI> token,
			List<URI> notification, List<URI> audit) {
		Map<String, List<URI>> services = new LinkedHashMap<>();
		services.put(Upstreams.AUTH, auth);
		services.put(Upstreams.SESSION, session);
		services.put(Upstreams.TOKEN, token);
		services.put(Upstreams.NOTIFICATION, notification);
		services.put(Upstreams.AUDIT, audit);
		return services;
	}
}
