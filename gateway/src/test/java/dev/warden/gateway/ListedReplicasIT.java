package dev.warden.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import dev.warden.infra.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Replicas given as a list of URLs
 * ({@code WARDEN_UPSTREAM_SESSION=http://a:8082,http://b:8182}, as
 * {@code ./run-local.sh --scale} starts them): requests and introspection calls are
 * spread over every listed replica, and a replica that is gone (its port refuses
 * connections, as after a SIGKILL) costs a retry on the next one — no error, not even for
 * a change — while the live one takes everything.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ListedReplicasIT {

	static final UpstreamStub first = new UpstreamStub(InetAddress.getLoopbackAddress(), FreePorts.next());

	static final UpstreamStub second = new UpstreamStub(InetAddress.getLoopbackAddress(), FreePorts.next());

	/** A listed replica that never answers: nothing listens on its port. */
	static final int GONE = FreePorts.next();

	@LocalServerPort
	int port;

	final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@DynamicPropertySource
	static void upstreams(DynamicPropertyRegistry registry) {
		String both = "http://127.0.0.1:" + first.port() + ",http://127.0.0.1:" + second.port();
		String oneGone = "http://127.0.0.1:" + GONE + ",http://127.0.0.1:" + first.port();
		registry.add("warden.upstream.auth", () -> both);
		registry.add("warden.upstream.session", () -> both);
		for (String service : new String[] { "token", "audit", "notification" }) {
			registry.add("warden.upstream." + service, () -> oneGone);
		}
		registry.add("warden.service.key", UpstreamStub.GATEWAY_SERVICE_KEY::privateJson);
		registry.add("warden.internal.auth-service-key", UpstreamStub.AUTH_SERVICE_KEY::publicJson);
		registry.add("warden.gateway.auth.cache-ttl", () -> "0s");
	}

	@AfterAll
	static void stopStubs() {
		first.close();
		second.close();
	}

	@Test
	void spreadsRequestsAndIntrospectionOverEveryListedReplica() throws Exception {
		int firstBefore = first.received().size();
		int secondBefore = second.received().size();
		for (int i = 0; i < 20; i++) {
			assertThat(send("GET", "/api/me").statusCode()).isEqualTo(200);
		}

		assertThat(first.received().size() - firstBefore).isBetween(5, 15);
		assertThat(second.received().size() - secondBefore).isBetween(5, 15);
		assertThat(first.introspections()).isPositive();
		assertThat(second.introspections()).isPositive();
	}

	@Test
	void aReplicaThatRefusesConnectionsCostsARetryNotAnErrorEvenForAChange() throws Exception {
		int before = first.received().size();
		for (int i = 0; i < 10; i++) {
			// token-service's route lists the gone replica first: every other request
			// meets it.
			HttpResponse<String> revoked = send("DELETE", "/api/security/tokens/token-" + i);
			assertThat(revoked.statusCode()).as(revoked.body()).isLessThan(500);
			assertThat(send("GET", "/api/security/log").statusCode()).isLessThan(500);
		}
		// Each request reached the live replica exactly once.
		assertThat(first.received().size() - before).isEqualTo(20);
	}

	/**
	 * Under concurrent load the round-robin position moves between an attempt and its
	 * retry; the replica that refused is passed over, so no request runs out of retries.
	 */
	@Test
	void concurrentRequestsPassOverTheReplicaThatRefusedInsteadOfMeetingItAgain() throws Exception {
		java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(8);
		try {
			List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
			for (int i = 0; i < 160; i++) {
				int n = i;
				answers.add(clients.submit(() -> send(n % 2 == 0 ? "GET" : "DELETE",
						n % 2 == 0 ? "/api/security/log" : "/api/security/tokens/t-" + n)
					.statusCode()));
			}
			for (java.util.concurrent.Future<Integer> answer : answers) {
				assertThat(answer.get()).isLessThan(500);
			}
		}
		finally {
			clients.shutdownNow();
		}
	}

	private HttpResponse<String> send(String method, String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Cookie", "__Host-warden_session=" + UpstreamStub.ACTIVE_SECRET + "; XSRF-TOKEN=t0123456789")
			.header("X-XSRF-TOKEN", "t0123456789")
			.header("Content-Type", "application/json")
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
