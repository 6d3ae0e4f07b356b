package dev.warden.support.replicas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import dev.warden.infra.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

class ReplicaRequestFactoryTest {

	private final List<HttpServer> servers = new CopyOnWriteArrayList<>();

	private final List<String> heard = new CopyOnWriteArrayList<>();

	@AfterEach
	void stop() {
		this.servers.forEach((server) -> server.stop(0));
	}

	@Test
	void spreadsRequestsOverEveryReplicaInTurn() {
		RestClient client = client(List.of(replica("a"), replica("b")));

		for (int i = 0; i < 6; i++) {
			client.get().uri("/internal/ping?n={n}", i).retrieve().toBodilessEntity();
		}

		// Whichever comes first, they alternate.
		String first = this.heard.get(0).substring(0, 1);
		String second = "a".equals(first) ? "b" : "a";
		assertThat(this.heard).containsExactly(first + " GET /internal/ping?n=0", second + " GET /internal/ping?n=1",
				first + " GET /internal/ping?n=2", second + " GET /internal/ping?n=3",
				first + " GET /internal/ping?n=4", second + " GET /internal/ping?n=5");
	}

	@Test
	void sendsARequestARefusingReplicaNeverTookToTheNextOneBodyAndHeadersIncluded() {
		URI gone = URI.create("http://127.0.0.1:" + FreePorts.next());
		RestClient client = client(List.of(gone, replica("live")));

		for (int i = 0; i < 4; i++) {
			String answer = client.post()
				.uri("/internal/sessions")
				.header("Authorization", "Bearer t")
				.body("{\"n\":" + i + "}")
				.retrieve()
				.body(String.class);
			assertThat(answer).isEqualTo("live");
		}

		assertThat(this.heard).containsExactly("live POST /internal/sessions Bearer t {\"n\":0}",
				"live POST /internal/sessions Bearer t {\"n\":1}", "live POST /internal/sessions Bearer t {\"n\":2}",
				"live POST /internal/sessions Bearer t {\"n\":3}");
	}

	@Test
	void failsWhenEveryReplicaRefuses() {
		RestClient client = client(List.of(URI.create("http://127.0.0.1:" + FreePorts.next()),
				URI.create("http://127.0.0.1:" + FreePorts.next())));

		assertThatThrownBy(() -> client.get().uri("/internal/ping").retrieve().toBodilessEntity())
			.isInstanceOf(ResourceAccessException.class);
	}

	@Test
	void readsACommaSeparatedList() {
		assertThat(ReplicaRequestFactory.parse(" http://a:8082, http://b:8182 ,"))
			.containsExactly(URI.create("http://a:8082"), URI.create("http://b:8182"));
		assertThatThrownBy(() -> ReplicaRequestFactory.parse(" , ")).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void aSingleAddressNeedsNoWrapper() {
		JdkClientHttpRequestFactory plain = new JdkClientHttpRequestFactory();
		assertThat(ReplicaRequestFactory.over(plain, List.of(URI.create("http://a:8082")))).isSameAs(plain);
	}

	private RestClient client(List<URI> replicas) {
		JdkClientHttpRequestFactory plain = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
		return RestClient.builder()
			.baseUrl(replicas.get(0).toString())
			.requestFactory(ReplicaRequestFactory.over(plain, replicas))
			.build();
	}

	private URI replica(String name) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/", (exchange) -> {
				String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
				String authorization = exchange.getRequestHeaders().getFirst("Authorization");
				this.heard.add((name + " " + exchange.getRequestMethod() + " " + exchange.getRequestURI()
						+ (authorization == null ? "" : " " + authorization) + (body.isEmpty() ? "" : " " + body)));
				byte[] answer = name.getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(200, answer.length);
				exchange.getResponseBody().write(answer);
				exchange.close();
			});
			server.start();
			this.servers.add(server);
			return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
