package dev.warden.gateway.routing;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;

/**
 * The replicas of each service. Each configured URL is one instance (a static list, as
 * {@code ./run-local.sh --scale} starts them); with name resolution on, each is instead
 * every address its host name resolves to: Docker's DNS answers a service name with one
 * address per running container, so {@code --scale session-service=3} gives three
 * instances, and a stopped container drops out at the next lookup. The port and scheme
 * come from the configured URL. Lookups are cheap and cached briefly (the JVM's DNS cache
 * and the load balancer's own cache both hold answers for seconds, see
 * {@code application.yml}).
 */
public class DnsDiscoveryClient implements ReactiveDiscoveryClient {

	private static final Logger log = LoggerFactory.getLogger(DnsDiscoveryClient.class);

	private final Map<String, List<URI>> services;

	private final boolean resolveNames;

	private final HostResolver resolver;

	DnsDiscoveryClient(Map<String, List<URI>> services, boolean resolveNames, HostResolver resolver) {
		this.services = Map.copyOf(services);
		this.resolveNames = resolveNames;
		this.resolver = resolver;
	}

	@Override
	public String description() {
		return "Replicas of each Warden service from DNS";
	}

	@Override
	public Flux<ServiceInstance> getInstances(String serviceId) {
		List<URI> uris = this.services.get(serviceId);
		if (uris == null) {
			return Flux.empty();
		}
		if (!this.resolveNames) {
			return Flux.fromIterable(uris.stream().distinct().map((uri) -> listed(serviceId, uri)).toList());
		}
		return Flux
			.defer(() -> Flux
				.fromIterable(uris.stream().flatMap((uri) -> resolve(serviceId, uri).stream()).distinct().toList()))
			.subscribeOn(Schedulers.boundedElastic());
	}

	@Override
	public Flux<String> getServices() {
		return Flux.fromIterable(this.services.keySet());
	}

	private static ServiceInstance listed(String serviceId, URI uri) {
		boolean secure = "https".equalsIgnoreCase(uri.getScheme());
		int port = uri.getPort() > 0 ? uri.getPort() : (secure ? 443 : 80);
		return new DefaultServiceInstance(serviceId + "@" + uri.getHost() + ":" + port, serviceId, uri.getHost(), port,
				secure);
	}

	List<ServiceInstance> resolve(String serviceId, URI uri) {
		boolean secure = "https".equalsIgnoreCase(uri.getScheme());
		int port = uri.getPort() > 0 ? uri.getPort() : (secure ? 443 : 80);
		try {
			return Arrays.stream(this.resolver.resolve(uri.getHost()))
				.map(InetAddress::getHostAddress)
				.distinct()
				.sorted()
				.map((address) -> (ServiceInstance) new DefaultServiceInstance(serviceId + "@" + address + ":" + port,
						serviceId, address, port, secure))
				.toList();
		}
		catch (UnknownHostException ex) {
			// No replica is running (or DNS is down): no instance, so the route answers
			// 503, never a wrong host.
			log.warn("No address for {} ({}): {}", serviceId, uri.getHost(), ex.getMessage());
			return List.of();
		}
	}

	/** Name resolution, replaceable in tests. */
	@FunctionalInterface
	public interface HostResolver {

		InetAddress[] resolve(String host) throws UnknownHostException;

	}

}
