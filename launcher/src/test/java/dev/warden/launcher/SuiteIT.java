package dev.warden.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import com.nimbusds.jose.jwk.ECKey;
import dev.warden.infra.FreePorts;
import dev.warden.infra.InfrastructureSettings;
import dev.warden.infra.test.TestJwts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole suite, each service in its own JVM on real embedded infrastructure, as {@code ./run-local.sh} runs
 * it: every service becomes ready, the gateway is the only door, and one event travels end to end from
 * auth-service's outbox through Kafka into the security log and to notification-service.
 */
class SuiteIT {

	static final String ADMIN_EMAIL = "first.admin@example.test";

	static LocalSuite suite;

	static TestJwts gatewayKey;

	final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void startSuite() throws Exception {
		Path root = Path.of(System.getProperty("warden.root", "..")).toAbsolutePath().normalize();
		Path logs = Files.createDirectories(root.resolve("launcher/target/suite-logs"));
		Map<WardenService, Integer> ports = new EnumMap<>(WardenService.class);
		for (WardenService service : WardenService.values()) {
			ports.put(service, FreePorts.next());
		}
		// The gateway signs with a configured key, as replicas do; the test holds the same key to act as the
		// gateway when it calls a service directly.
		ECKey key = TestJwts.generateKey();
		gatewayKey = TestJwts.withKey(key);
		SuiteOptions options = new SuiteOptions(root, InfrastructureSettings.ephemeral(), Map.of(), ports,
				Map.of("WARDEN_BOOTSTRAP_ADMIN_EMAIL", ADMIN_EMAIL, "WARDEN_BOOTSTRAP_ADMIN_PASSWORD",
						AdminPassword.generate(24), "WARDEN_IDENTITY_SIGNING_KEY", key.toJSONString()),
				SuiteOptions.DEFAULT_JVM_OPTIONS, logs);
		suite = LocalSuite.start(options, Duration.ofMinutes(5));
	}

	@AfterAll
	static void stopSuite() {
		if (suite != null) {
			suite.close();
		}
	}

	@Test
	void everyServiceIsHealthyAndExposesPrometheusMetrics() throws Exception {
		for (WardenService service : WardenService.values()) {
			HttpResponse<String> health = get(suite.url(service) + "/actuator/health", null);
			assertThat(health.statusCode()).as(service.module()).isEqualTo(200);
			assertThat(health.body()).as(service.module()).contains("\"status\":\"UP\"");
			HttpResponse<String> metrics = get(suite.url(service) + "/actuator/prometheus", null);
			assertThat(metrics.statusCode()).as(service.module()).isEqualTo(200);
			assertThat(metrics.body()).as(service.module()).contains("jvm_memory_used_bytes");
		}
	}

	@Test
	void bootstrapAdministratorReachesTheSecurityLogEndToEnd() throws Exception {
		String admin = gatewayKey.forUser("test-admin").roles("USER", "ADMIN").bearer();
		String url = suite.url(WardenService.AUDIT) + "/api/admin/security-log?type=warden.user.created";

		String body = null;
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline) {
			HttpResponse<String> response = get(url, admin);
			assertThat(response.statusCode()).isEqualTo(200);
			if (response.body().contains(ADMIN_EMAIL)) {
				body = response.body();
				break;
			}
			Thread.sleep(250);
		}

		assertThat(body).as("user.created of the bootstrap admin in the security log").isNotNull();
		assertThat(body).contains("\"source\":\"/auth-service\"").doesNotContain("argon2");
		assertThat(countOccurrences(body, ADMIN_EMAIL)).isEqualTo(1);
		String eventId = body.replaceAll("(?s).*\"id\":\"([0-9a-f-]{36})\".*", "$1");
		awaitLogLine(WardenService.NOTIFICATION, "No template for warden.user.created (event " + eventId + ")");
	}

	@Test
	void servicesTrustOnlyTheGatewaysKeyPublishedAtItsJwks() throws Exception {
		String url = suite.url(WardenService.AUDIT) + "/api/admin/security-log";

		HttpResponse<String> withoutToken = get(url, null);
		HttpResponse<String> foreignKey = get(url, TestJwts.untrusted().forUser("x").roles("ADMIN").bearer());
		HttpResponse<String> gatewaysKey = get(url, gatewayKey.forUser("x").roles("ADMIN").bearer());

		assertThat(withoutToken.statusCode()).isEqualTo(401);
		assertThat(withoutToken.body()).contains("\"code\":\"unauthenticated\"");
		assertThat(foreignKey.statusCode()).isEqualTo(401);
		assertThat(gatewaysKey.statusCode()).isEqualTo(200);
	}

	@Test
	void aClientCannotSmuggleAnIdentityThroughTheGateway() throws Exception {
		String forged = gatewayKey.forUser("x").roles("ADMIN").bearer();

		HttpResponse<String> response = get(suite.url(WardenService.GATEWAY) + "/api/admin/security-log", forged);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	private void awaitLogLine(WardenService service, String line) throws Exception {
		Path log = suite.options().logDirectory().resolve(service.module() + ".log");
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline) {
			if (Files.readString(log).contains(line)) {
				return;
			}
			Thread.sleep(250);
		}
		assertThat(Files.readString(log)).contains(line);
	}

	private static int countOccurrences(String text, String part) {
		return (text.length() - text.replace(part, "").length()) / part.length();
	}

	private HttpResponse<String> get(String url, String authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}
}
