package dev.warden.session.outage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.warden.infra.FreePorts;
import dev.warden.infra.RedisServer;
import dev.warden.infra.test.SharedInfrastructure;
import dev.warden.serviceidentity.session.SessionSecrets;
import dev.warden.session.ClockTestConfiguration;
import dev.warden.session.SessionApi;
import dev.warden.session.SessionApi.SignedIn;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Redis stops under session-service: introspection — the gateway's question "is this
 * cookie live?" — answers 503 problems, never {@code active} and never a 500, so the
 * gateway refuses (fail closed); new sessions are refused the same way. Redis comes back
 * with its append-only file and every session is as it was. Redis here is this test's own
 * server, with the same users and passwords as the shared one.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.data.redis.timeout=1s", "spring.data.redis.connect-timeout=1s" })
@Import(ClockTestConfiguration.class)
class RedisOutageIT {

	private static final RedisServer redis = RedisServer.start(FreePorts.next(), dataDirectory(),
			SharedInfrastructure.get().redisPasswords());

	@LocalServerPort
	int port;

	@Autowired
	JsonMapper json;

	@DynamicPropertySource
	static void ownRedis(DynamicPropertyRegistry registry) {
		registry.add("warden.redis.url", redis::url);
	}

	@AfterAll
	static void stopRedis() {
		redis.close();
	}

	@Test
	void refusesToVouchForAnySessionWhileRedisIsDownAndRecoversWithEverySessionIntact() {
		SessionApi api = new SessionApi(this.port, this.json);
		String user = "outage-" + UUID.randomUUID();
		SignedIn session = api.signIn(user, SessionApi.CHROME_ON_WINDOWS);
		String secret = session.secret();
		assertThat(api.isActive(secret)).isTrue();

		redis.stop();
		List<HttpResponse<String>> during = List.of(
				api.internal("POST", "/internal/sessions/introspect",
						Map.of("secretHash", SessionSecrets.hash(secret))),
				api.create(SessionSecrets.newSecret(), user, SessionApi.CHROME_ON_WINDOWS));
		redis.restart();

		for (HttpResponse<String> response : during) {
			assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(response.body()).contains("\"code\":\"service_unavailable\"").doesNotContain("\"active\":true");
		}
		Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> api.isActive(secret));
	}

	private static Path dataDirectory() {
		try {
			return Files.createTempDirectory("session-outage-redis");
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
