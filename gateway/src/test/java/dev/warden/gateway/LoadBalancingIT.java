package dev.warden.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.warden.gateway.routing.DnsDiscoveryClient;
import dev.warden.infra.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With load balancing on, one service name that resolves to several addresses (as
 * Docker's DNS answers for a scaled service) is several instances: routed requests and
 * the gateway's own introspection calls are spread over all of them, and a replica that
 * leaves DNS gets no more traffic. The replicas here are two stubs on 127.0.0.1 and
 * 127.0.0.2 with the same port, and "sessions.test" is resolved by the test. (Requests go
 * to auth-service's route and introspection to session-service: each service has its own
 * round-robin, so the two do not fall into step with each other.)
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class LoadBalancingIT {

	static final int PORT = FreePorts.next();

	static final UpstreamStub first = replica("127.0.0.1");

	static final UpstreamStub second = replica("127.0.0.2");

	static final AtomicBoolean secondInDns = new AtomicBoolean(true);

	@LocalServerPort
	int port;

	final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@DynamicPropertySource
	static void upstreams(DynamicPropertyRegistry registry) {
		for (String service : new String[] { "auth", "session", "token", "audit", "notification" }) {
			registry.add("warden.upstream." + service, () -> "http://sessions.test:" + PORT);
		}
		registry.add("warden.upstream.load-balance", () -> "true");
		registry.add("warden.service.key", UpstreamStub.GATEWAY_SERVICE_KEY::privateJson);
		registry.add("warden.internal.auth-service-key", UpstreamStub.AUTH_SERVICE_KEY::publicJson);
		registry.add("warden.gateway.auth.cache-ttl", () -> "0s");
		registry.add("spring.cloud.loadbalancer.cache.enabled", () -> "false");
	}

	@AfterAll
	static void stopStubs() {
		first.close();
		second.close();
	}

	@Test
	void spreadsRequestsAndIntrospectionOverEveryReplicaAndDropsOneThatLeavesDns() throws Exception {
		for (int i = 0; i < 20; i++) {
			assertThat(get("/api/me").statusCode()).isEqualTo(200);
		}

		assertThat(first.received().size()).isBetween(5, 15);
		assertThat(second.received().size()).isBetween(5, 15);
		assertThat(first.introspections()).isPositive();
		assertThat(second.introspections()).isPositive();

		secondInDns.set(false);
		int before = second.received().size() + second.introspections();
		for (int i = 0; i < 10; i++) {
			assertThat(get("/api/me").statusCode()).isEqualTo(200);
		}
		assertThat(second.received().size() + second.introspections()).isEqualTo(before);
	}

	private static UpstreamStub replica(String address) {
		try {
			return new UpstreamStub(InetAddress.getByName(address), PORT);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Cookie", "__Host-warden_session=" + UpstreamStub.ACTIVE_SECRET)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	@TestConfiguration
	static class TestDns {

		@Bean
		@Primary
		DnsDiscoveryClient.HostResolver testHostResolver() {
			return (host) -> {
				if (!"sessions.test".equals(host)) {
					throw new UnknownHostException(host);
				}
				return secondInDns.get()
						? new InetAddress[] { InetAddress.getByName("127.0.0.1"), InetAddress.getByName("127.0.0.2") }
						: new InetAddress[] { InetAddress.getByName("127.0.0.1") };
			};
		}

	}

}
