package dev.warden.gateway.routing;

import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import reactor.util.retry.Retry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.loadbalancer.reactive.ReactorLoadBalancerExchangeFilterFunction;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * How the gateway reaches a service: straight at its configured URL, or — with several
 * instances — through Spring Cloud LoadBalancer by the service's name, over every replica
 * {@link DnsDiscoveryClient} lists.
 */
@Component
public class Upstreams {

	public static final String AUTH = "auth-service";

	public static final String SESSION = "session-service";

	public static final String TOKEN = "token-service";

	public static final String NOTIFICATION = "notification-service";

	public static final String AUDIT = "audit-service";

	/**
	 * How many more instances a call tries after one refused the connection: a replica
	 * that is gone (killed, restarting) costs a retry, not an error.
	 */
	static final int CONNECT_RETRIES = 2;

	/**
	 * How long opening a connection to a service may take (also the routes',
	 * {@code application.yml}).
	 */
	static final int CONNECT_TIMEOUT_MILLIS = 1000;

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
		return this.properties.balanced(service) ? URI.create("lb://" + service) : configured(service).get(0);
	}

	/** Whether the service has (or may have) more than one instance. */
	public boolean balanced(String service) {
		return this.properties.balanced(service);
	}

	/**
	 * A client whose relative requests go to the service (one of its replicas when
	 * balancing; a replica that refuses the connection is passed over for the next).
	 */
	public WebClient client(WebClient.Builder builder, String service) {
		URI first = configured(service).get(0);
		// A replica whose address is gone answers nothing: give up opening a connection
		// after a second (Netty's default is 30 s), which then counts as refused.
		WebClient.Builder connecting = builder.clone()
			.clientConnector(new org.springframework.http.client.reactive.ReactorClientHttpConnector(
					reactor.netty.http.client.HttpClient.create()
						.option(io.netty.channel.ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)));
		if (!this.properties.balanced(service)) {
			return connecting.baseUrl(first.toString()).build();
		}
		// The retry sits outside the balancer, so each attempt picks an instance again.
		return connecting.baseUrl(first.getScheme() + "://" + service)
			.filter(retryRefusedConnections())
			.filter(this.loadBalancer.getObject())
			.build();
	}

	/**
	 * Sends the request again when the connection was refused: it never reached a
	 * service, so even a change is safe to send twice. Nothing else is retried.
	 */
	static ExchangeFilterFunction retryRefusedConnections() {
		return (request, next) -> next.exchange(request)
			.retryWhen(Retry.backoff(CONNECT_RETRIES, Duration.ofMillis(20)).filter(Upstreams::refused));
	}

	/**
	 * A connection that was refused, timed out while opening, or found no route (a pod
	 * gone with its address), anywhere in the causes: nothing was sent.
	 */
	static boolean refused(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException || cause instanceof java.net.NoRouteToHostException) {
				return true;
			}
		}
		return false;
	}

	private List<URI> configured(String service) {
		List<URI> uris = this.properties.byService().get(service);
		if (uris == null) {
			throw new IllegalArgumentException("No upstream named " + service);
		}
		return uris;
	}

}
