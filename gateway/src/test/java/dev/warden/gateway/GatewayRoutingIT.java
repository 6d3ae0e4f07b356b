package dev.warden.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.warden.infra.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway sends each public path to the service that owns it, strips any identity a client asserts, and
 * answers a dead service with a 503 problem naming it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class GatewayRoutingIT {

	static final UpstreamStub upstream = new UpstreamStub();

	static final int deadPort = FreePorts.next();

	@LocalServerPort
	int port;

	final HttpClient http = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void upstreams(DynamicPropertyRegistry registry) {
		registry.add("warden.upstream.auth", upstream::url);
		registry.add("warden.upstream.audit", upstream::url);
		registry.add("warden.upstream.token", upstream::url);
		registry.add("warden.upstream.notification", upstream::url);
		registry.add("warden.upstream.session", () -> "http://127.0.0.1:" + deadPort);
	}

	@AfterAll
	static void stopUpstream() {
		upstream.close();
	}

	@BeforeEach
	void clear() {
		upstream.received().clear();
	}

	@Test
	void routesEachPublicPathToItsService() throws Exception {
		for (String path : new String[] { "/api/auth/login", "/api/me", "/api/security/password/policy",
				"/api/security/two-factor", "/api/security/tokens", "/api/security/tokens/abc",
				"/api/security/log?limit=5", "/api/admin/security-log/verify", "/api/admin/users",
				"/api/admin/notifications/templates" }) {
			assertThat(get(path, new String[0]).statusCode()).as(path).isEqualTo(200);
		}

		assertThat(upstream.received()).extracting(UpstreamStub.Received::uri)
			.contains("/api/auth/login", "/api/me", "/api/security/log?limit=5", "/api/admin/security-log/verify");
	}

	@Test
	void stripsEveryIdentityTheClientAsserts() throws Exception {
		get("/api/me", new String[] { "Authorization", "Bearer forged", "X-User-Id", "admin", "X-Warden-Roles",
				"ADMIN", "X-Forwarded-User", "admin", "Cookie", "other=1" });

		UpstreamStub.Received received = upstream.received().get(0);
		assertThat(received.hasHeader("Authorization")).isFalse();
		assertThat(received.hasHeader("X-User-Id")).isFalse();
		assertThat(received.hasHeader("X-Warden-Roles")).isFalse();
		assertThat(received.hasHeader("X-Forwarded-User")).isFalse();
		assertThat(received.hasHeader("Cookie")).isFalse();
	}

	@Test
	void deadServiceAnswersServiceUnavailableProblem() throws Exception {
		HttpResponse<String> response = get("/api/security/sessions", new String[0]);

		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"code\":\"service_unavailable\"")
			.contains("\"service\":\"session-service\"")
			.doesNotContain("Exception");
	}

	@Test
	void unknownPathIsNotFoundProblem() throws Exception {
		HttpResponse<String> response = get("/api/nowhere", new String[0]);

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"code\":\"not_found\"");
	}

	@Test
	void publishesOnlyThePublicSigningKey() throws Exception {
		HttpResponse<String> response = get("/.well-known/jwks.json", new String[0]);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"kty\":\"EC\"").contains("\"crv\":\"P-256\"").doesNotContain("\"d\"");
	}

	@Test
	void reportsHealth() throws Exception {
		assertThat(get("/actuator/health", new String[0]).body()).contains("\"status\":\"UP\"");
	}

	private HttpResponse<String> get(String path, String[] headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}
}
