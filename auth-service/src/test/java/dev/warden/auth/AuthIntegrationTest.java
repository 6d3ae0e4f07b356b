package dev.warden.auth;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.warden.auth.user.Roles;
import dev.warden.auth.user.User;
import dev.warden.auth.user.UserService;
import dev.warden.event.Topics;
import dev.warden.infra.test.EventCollector;
import dev.warden.infra.test.MutableClock;
import dev.warden.infra.test.TestJwts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One application context for every auth-service integration test (same configuration, so
 * Spring caches it): real PostgreSQL, Redis and Kafka from the shared embedded
 * infrastructure, a clock tests move, and session-service's internal contract served by
 * {@link SessionServiceStub}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "warden.bootstrap.admin.email=Root@Example.test",
				"warden.bootstrap.admin.password=" + AuthIntegrationTest.ADMIN_PASSWORD,
				"warden.session-service.breaker-open-for=2s",
				// No token-service here: nothing listens on the discard port.
				"warden.token-service.url=http://127.0.0.1:9",
				"warden.two-factor.keys=" + AuthIntegrationTest.TWO_FACTOR_KEYS,
				"warden.password-reset.mail-keys=" + AuthIntegrationTest.RESET_MAIL_KEYS })
@Import({ ClockTestConfiguration.class, AuthIntegrationTest.Collector.class })
public abstract class AuthIntegrationTest {

	public static final String ADMIN_PASSWORD = "correct horse battery staple 42";

	/** Two AES-256 keys: "k2" encrypts, "k1" (an older key) still decrypts. */
	public static final String TWO_FACTOR_KEYS = "k2:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=,"
			+ "k1:Hx4dHBsaGRgXFhUUExIREA8ODQwLCgkIBwYFBAMCAQA=";

	/** The key reset codes are sealed with for notification-service. */
	public static final String RESET_MAIL_KEYS = "m1:ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=";

	public static final String CLIENT_IP = "198.51.100.23";

	public static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0";

	protected static final SessionServiceStub SESSIONS = new SessionServiceStub();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void sessionService(DynamicPropertyRegistry registry) {
		registry.add("warden.session-service.url", SESSIONS::url);
	}

	@LocalServerPort
	protected int port;

	@org.springframework.boot.test.web.server.LocalManagementPort
	protected int managementPort;

	@Autowired
	protected JsonMapper json;

	@Autowired
	protected MutableClock clock;

	/**
	 * session-service's stub dates what it answers by the service's clock, which tests
	 * move.
	 */
	@org.junit.jupiter.api.BeforeEach
	void sessionServiceOnTheServicesClock() {
		SESSIONS.clock(this.clock);
	}

	@Autowired
	protected UserService users;

	@Autowired
	protected dev.warden.auth.user.UserStore userStore;

	@Autowired
	protected JdbcTemplate jdbc;

	@Autowired
	protected org.springframework.data.redis.core.StringRedisTemplate redis;

	@Autowired
	protected EventCollector events;

	/**
	 * A password that meets the default policy and nobody else uses. Its random part is
	 * hex, so it can never contain a part of the test users' name ("Quinn Tester": no hex
	 * letters) and break the user-info rule.
	 */
	protected static String strongPassword() {
		return "amber " + UUID.randomUUID().toString().substring(0, 13) + " lighthouse";
	}

	protected static String uniqueEmail() {
		return "user-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
	}

	protected User newUser(String email, String password) {
		return this.users.create(email, "Quinn Tester", List.of(Roles.USER), password, false, "test");
	}

	protected HttpResponse<String> login(String email, String password) {
		return send("POST", "/api/auth/login", Map.of("email", email, "password", password), signingIn());
	}

	/**
	 * The gateway's anonymous token for a client at {@link #CLIENT_IP} who is signing in.
	 */
	protected static String signingIn() {
		return TestJwts.shared().anonymous().clientIp(CLIENT_IP).bearer();
	}

	/**
	 * A caller the gateway vouched for, signed in with a session that authenticated at
	 * {@code authTime}.
	 */
	protected String bearer(User user, String sessionId, Instant authTime) {
		TestJwts.Builder jwt = TestJwts.shared()
			.forUser(user.id().toString())
			.roles(user.roles().toArray(String[]::new))
			.session(sessionId)
			.amr("pwd")
			.authTime(authTime)
			.clientIp(CLIENT_IP);
		return jwt.bearer();
	}

	/**
	 * Turns two-factor on for {@code user} as the Security page does; returns the key the
	 * authenticator app holds.
	 */
	protected String turnOnTwoFactor(User user) {
		String secret = read(send("POST", "/api/security/two-factor/setup", null, bearer(user))).get("secret")
			.asString();
		HttpResponse<String> confirmed = send("POST", "/api/security/two-factor/confirm",
				Map.of("code", totp(secret, -1)), bearer(user));
		if (confirmed.statusCode() != 200) {
			throw new IllegalStateException("two-factor not confirmed: " + confirmed.body());
		}
		return secret;
	}

	/**
	 * The code an authenticator app shows, {@code offset} steps from the service's clock.
	 */
	protected String totp(String base32, int offset) {
		return dev.warden.auth.twofactor.Totp.code(new org.apache.commons.codec.binary.Base32().decode(base32),
				dev.warden.auth.twofactor.Totp.step(this.clock.instant()) + offset);
	}

	/** The administrator created from configuration at start. */
	protected User bootstrapAdmin() {
		return this.userStore.findByEmail("root@example.test").orElseThrow();
	}

	protected String bearer(User user) {
		return bearer(user, "sessionPublicId0000001", Instant.now());
	}

	protected HttpResponse<String> send(String method, String path, Object body, String bearer) {
		return sendRaw(method, path, body == null ? null : this.json.writeValueAsString(body), bearer);
	}

	protected HttpResponse<String> sendRaw(String method, String path, String body, String bearer) {
		return sendRaw(method, path, body, bearer, Map.of());
	}

	protected HttpResponse<String> sendRaw(String method, String path, String body, String bearer,
			Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Content-Type", "application/json")
			.header("User-Agent", FIREFOX)
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

	protected JsonNode read(HttpResponse<String> response) {
		return this.json.readTree(response.body());
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Collector {

		@Bean
		EventCollector authEventsCollector(JsonMapper json) {
			return new EventCollector(Topics.AUTH_EVENTS, json);
		}

	}

}
