package dev.warden.gateway.routing;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where each service answers ({@code WARDEN_UPSTREAM_AUTH} and so on). A plain URL, or {@code lb://name} for
 * Spring Cloud LoadBalancer when a service runs as several replicas.
 */
@ConfigurationProperties("warden.upstream")
public record UpstreamProperties(@DefaultValue("http://localhost:8081") URI auth,
		@DefaultValue("http://localhost:8082") URI session, @DefaultValue("http://localhost:8083") URI token,
		@DefaultValue("http://localhost:8084") URI notification, @DefaultValue("http://localhost:8085") URI audit) {
}
