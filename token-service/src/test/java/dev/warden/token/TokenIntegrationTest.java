package dev.warden.token;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.warden.event.Topics;
import dev.warden.infra.test.EventCollector;
import dev.warden.infra.test.MutableClock;
import dev.warden.infra.test.TestJwts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * One application context for every token-service integration test: real PostgreSQL and
 * Kafka from the shared embedded infrastructure, a clock tests move, and a collector of
 * the events it publishes.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "warden.tokens.max-active-per-user=3", "warden.tokens.usage-flush-interval=1h",
				"warden.tokens.expiry-check-interval=1h" })
@Import({ TokenIntegrationTest.TestBeans.class })
public abstract class TokenIntegrationTest {

	public static final String CLIENT_IP = "198.51.100.77";

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@LocalServerPort
	protected int port;

	@org.springframework.boot.test.web.server.LocalManagementPort
	protected int managementPort;

	@Autowired
	protected JsonMapper json;

	@Autowired
	protected MutableClock clock;

	@Autowired
	protected EventCollector events;

	protected static String newUserId() {
		return UUID.randomUUID().toString();
	}

	/** A signed-in session of a user holding {@code roles}, authenticated just now. */
	protected static String session(String userId, String... roles) {
		return TestJwts.shared()
			.forUser(userId)
			.roles(roles)
			.session("session" + userId.substring(0, 8) + "0000000")
			.amr("pwd")
			.authTime(Instant.now())
			.clientIp(CLIENT_IP)
			.bearer();
	}

	protected HttpResponse<String> send(String method, String path, String body, String bearer) {
		return send(method, path, body, bearer, Map.of());
	}

	protected HttpResponse<String> send(String method, String path, String body, String bearer,
			Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Content-Type", "application/json")
			.header("User-Agent", "curl/8.5.0")
			// Forged: services take the client's address from the gateway's JWT only.
			.header("X-Warden-Client-Ip", "203.0.113.66")
			.method(method,
					body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (bearer != null) {
			request.header("Authorization", bearer);
		}
		headers.forEach(request::header);
		try {
			return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Creates a token as the gateway does: with a value it made and the grant it signed
	 * for it.
	 */
	protected JsonNode create(String bearer, String name, int months, String role) {
		return create(bearer, name, months, role, GatewayGrants.issue(bearer, months));
	}

	protected JsonNode create(String bearer, String name, int months, String role, GatewayGrants.Issued issued) {
		HttpResponse<String> response = createRequest(bearer,
				"{\"name\":\"" + name + "\",\"validityMonths\":" + months + ",\"role\":\"" + role + "\"}",
				issued.headers());
		if (response.statusCode() != 201) {
			throw new IllegalStateException("creation failed: " + response.statusCode() + " " + response.body());
		}
		return read(response);
	}

	/**
	 * A creation with {@code body}, carrying a fresh value and grant as the gateway's
	 * would.
	 */
	protected HttpResponse<String> createRequest(String bearer, String body) {
		return createRequest(bearer, body, GatewayGrants.issue(bearer, 12).headers());
	}

	protected HttpResponse<String> createRequest(String bearer, String body, Map<String, String> headers) {
		return send("POST", "/api/security/tokens", body, bearer, headers);
	}

	/** The gateway's check of a token: by its hash, never the token itself. */
	protected JsonNode introspect(String token) {
		return read(send(
				"POST", "/internal/tokens/introspect", this.json.writeValueAsString(Map.of("tokenHash",
						dev.warden.event.ApiTokenFormat.hash(token), "ip", "203.0.113.9", "userAgent", "script/1.0")),
				null, true));
	}

	protected HttpResponse<String> send(String method, String path, String body, String bearer, boolean internal) {
		if (!internal) {
			return send(method, path, body, bearer);
		}
		try {
			return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
				.header("Content-Type", "application/json")
				.header("Authorization", TestJwts.serviceCall("gateway", "token-service"))
				.method(method, HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	protected JsonNode read(HttpResponse<String> response) {
		return this.json.readTree(response.body());
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class TestBeans {

		@Bean
		@Primary
		MutableClock testClock() {
			return MutableClock.startingNow();
		}

		@Bean
		EventCollector tokenEvents(JsonMapper json) {
			return new EventCollector(Topics.TOKEN_EVENTS, json);
		}

		@Bean
		static TokenLookupCounter tokenLookupCounter() {
			return new TokenLookupCounter();
		}

	}

}
