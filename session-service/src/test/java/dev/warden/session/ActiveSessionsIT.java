package dev.warden.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.warden.event.CloudEvent;
import dev.warden.event.EventTypes;
import dev.warden.event.Topics;
import dev.warden.infra.test.KafkaRecords;
import dev.warden.infra.test.MutableClock;
import dev.warden.infra.test.TestJwts;
import dev.warden.infra.test.TestRedis;
import dev.warden.session.manage.SessionSecrets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The Active sessions section against real Redis and Kafka: list, end one, end all others, expiry, events. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(ClockTestConfiguration.class)
class ActiveSessionsIT {

	@LocalServerPort
	int port;

	@org.springframework.boot.test.web.server.LocalManagementPort
	int managementPort;

	@Autowired
	JsonMapper json;

	@Autowired
	MutableClock clock;

	@Autowired
	StringRedisTemplate redis;

	SessionApi api;

	String user;

	@BeforeEach
	void setUp() {
		this.api = new SessionApi(this.port, this.json);
		this.user = "user-" + UUID.randomUUID();
	}

	TestJwts.Builder as(JsonNode session) {
		return TestJwts.shared().forUser(this.user).session(session.get("sessionId").asString());
	}

	@Test
	void healthMetricsAndInfoAnswerOnlyOnTheManagementPort() {
		dev.warden.infra.test.ManagementEndpoints.assertOnlyOnManagementPort(this.port, this.managementPort);
	}

	@Test
	void listsEveryDeviceWithParsedNamesAndFlagsTheCurrentOne() {
		JsonNode laptop = this.api.signIn(this.user, SessionApi.CHROME_ON_WINDOWS);
		JsonNode phone = this.api.signIn(this.user, SessionApi.SAFARI_ON_IPHONE);

		JsonNode sessions = this.api.read(this.api.asUser("GET", "/api/security/sessions", as(laptop))).get("sessions");

		assertThat(sessions).hasSize(2);
		JsonNode current = find(sessions, laptop.get("sessionId").asString());
		JsonNode other = find(sessions, phone.get("sessionId").asString());
		assertThat(current.get("current").asBoolean()).isTrue();
		assertThat(current.get("browser").asString()).isEqualTo("Chrome 120");
		assertThat(current.get("os").asString()).isEqualTo("Windows 10");
		assertThat(current.get("deviceType").asString()).isEqualTo("desktop");
		assertThat(current.get("ip").asString()).isEqualTo("203.0.113.7");
		assertThat(other.get("current").asBoolean()).isFalse();
		assertThat(other.get("browser").asString()).isEqualTo("Mobile Safari 17");
		assertThat(other.get("os").asString()).isEqualTo("iOS 17");
		assertThat(other.get("deviceType").asString()).isEqualTo("mobile");
		assertThat(sessions.toString()).doesNotContain(laptop.get("secret").asString())
			.doesNotContain(phone.get("secret").asString());
	}

	@Test
	void endsEveryOtherSessionButTheCurrentOne() {
		JsonNode current = this.api.signIn(this.user, SessionApi.CHROME_ON_WINDOWS);
		JsonNode phone = this.api.signIn(this.user, SessionApi.SAFARI_ON_IPHONE);
		JsonNode other = this.api.signIn(this.user, SessionApi.FIREFOX_ON_LINUX);

		HttpResponse<String> response = this.api.asUser("POST", "/api/security/sessions/end-others", as(current));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.api.read(response).get("ended").asInt()).isEqualTo(2);
		assertThat(this.api.isActive(current.get("secret").asString())).isTrue();
		assertThat(this.api.isActive(phone.get("secret").asString())).isFalse();
		assertThat(this.api.isActive(other.get("secret").asString())).isFalse();
		List<ConsumerRecord<String, String>> revoked = KafkaRecords.readUntil(Topics.SESSION_EVENTS,
				(records) -> count(records, EventTypes.SESSION_REVOKED) >= 2, Duration.ofSeconds(30));
		assertThat(count(revoked, EventTypes.SESSION_REVOKED)).isEqualTo(2);
		assertThat(revoked).filteredOn((record) -> record.key().equals(this.user))
			.allSatisfy((record) -> assertThat(record.value()).doesNotContain(phone.get("secret").asString()));
	}

	@Test
	void endsOneChosenSession() {
		JsonNode current = this.api.signIn(this.user, SessionApi.CHROME_ON_WINDOWS);
		JsonNode phone = this.api.signIn(this.user, SessionApi.SAFARI_ON_IPHONE);

		HttpResponse<String> response = this.api.asUser("DELETE",
				"/api/security/sessions/" + phone.get("sessionId").asString(), as(current));

		assertThat(response.statusCode()).isEqualTo(204);
		assertThat(this.api.isActive(phone.get("secret").asString())).isFalse();
		assertThat(this.api.isActive(current.get("secret").asString())).isTrue();
	}

	@Test
	void anotherUsersSessionIsNotFound() {
		JsonNode mine = this.api.signIn(this.user, SessionApi.CHROME_ON_WINDOWS);
		JsonNode theirs = this.api.signIn("someone-else-" + UUID.randomUUID(), SessionApi.CHROME_ON_WINDOWS);

		for (String id : new String[] { theirs.get("sessionId").asString(), "not-a-session-id", "AAAAAAAAAAAAAAAAAAAAAA",
				"x".repeat(300) }) {
			HttpResponse<String> response = this.api.asUser("DELETE", "/api/security/sessions/" + id, as(mine));
			assertThat(response.statusCode()).as(id).isEqualTo(404);
			assertThat(response.headers().firstValue("Content-Type")).as(id).hasValue("application/problem+json");
			assertThat(response.body()).as(id).contains("\"code\":\"session_not_found\"");
		}
		HttpResponse<String> traversal = this.api.asUser("DELETE", "/api/security/sessions/%2e%2e%2fetc", as(mine));
		assertThat(traversal.statusCode()).isIn(400, 404);
		assertThat(traversal.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(this.api.isActive(theirs.get("secret").asString())).isTrue();
	}

	@Test
	void endingSessionsNeedsARecentSignIn() {
		JsonNode current = this.api.signIn(this.user, SessionApi.CHROME_ON_WINDOWS);
		JsonNode phone = this.api.signIn(this.user, SessionApi.SAFARI_ON_IPHONE);
		TestJwts.Builder stale = as(current).authTime(Instant.now().minus(Duration.ofMinutes(20)));

		HttpResponse<String> endOthers = this.api.asUser("POST", "/api/security/sessions/end-others", stale);
		HttpResponse<String> endOne = this.api.asUser("DELETE",
				"/api/security/sessions/" + phone.get("sessionId").asString(), stale);

		assertThat(endOthers.statusCode()).isEqualTo(403);
		assertThat(endOthers.body()).contains("\"code\":\"reauthentication_required\"");
		assertThat(endOne.statusCode()).isEqualTo(403);
		assertThat(this.api.isActive(phone.get("secret").asString())).isTrue();
	}

	@Test
	void endingOthersNeedsABrowserSessionNotAnApiToken() {
		HttpResponse<String> response = this.api.asUser("POST", "/api/security/sessions/end-others",
				TestJwts.shared().forUser(this.user).apiToken("token-1"));

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).contains("\"code\":\"session_required\"");
	}

	@Test
	void idleSessionExpiresAndActivitySlidesTheExpiry() {
		String secret = this.api.signIn(this.user, SessionApi.CHROME_ON_WINDOWS).get("secret").asString();

		this.clock.advance(Duration.ofMinutes(29));
		assertThat(this.api.isActive(secret)).isTrue();
		this.clock.advance(Duration.ofMinutes(29));
		assertThat(this.api.isActive(secret)).as("activity 29 min ago slid the idle expiry").isTrue();
		this.clock.advance(Duration.ofMinutes(31));
		assertThat(this.api.isActive(secret)).isFalse();
	}

	@Test
	void absoluteLifetimeEndsEvenABusySession() {
		String secret = this.api.signIn(this.user, SessionApi.CHROME_ON_WINDOWS).get("secret").asString();

		for (int i = 0; i < 28; i++) {
			this.clock.advance(Duration.ofMinutes(25));
			assertThat(this.api.isActive(secret)).as("after %d min", (i + 1) * 25).isTrue();
		}
		this.clock.advance(Duration.ofMinutes(25));

		assertThat(this.api.isActive(secret)).as("past 12 h").isFalse();
	}

	@Test
	void recordsActivityAtMostOncePerTouchInterval() {
		JsonNode session = this.api.signIn(this.user, SessionApi.CHROME_ON_WINDOWS);
		String secret = session.get("secret").asString();
		String key = "warden:session:s:" + SessionSecrets.hash(secret);
		String createdActive = (String) this.redis.opsForHash().get(key, "active");

		this.clock.advance(Duration.ofSeconds(30));
		this.api.isActive(secret);
		String afterThirtySeconds = (String) this.redis.opsForHash().get(key, "active");
		this.clock.advance(Duration.ofSeconds(31));
		this.api.isActive(secret);
		String afterSixtyOneSeconds = (String) this.redis.opsForHash().get(key, "active");

		assertThat(afterThirtySeconds).isEqualTo(createdActive);
		assertThat(afterSixtyOneSeconds).isNotEqualTo(createdActive);
	}

	@Test
	void redisHoldsOnlyTheHashOfTheSecret() {
		String secret = this.api.signIn(this.user, SessionApi.CHROME_ON_WINDOWS).get("secret").asString();

		// Listing keys is no service's right: look as the tests' own Redis user.
		StringRedisTemplate everything = TestRedis.unrestricted();
		Set<String> keys = everything.keys("warden:session:*");

		assertThat(keys).contains("warden:session:s:" + SessionSecrets.hash(secret));
		assertThat(keys).noneMatch((key) -> key.contains(secret));
		for (String key : keys) {
			if (key.startsWith("warden:session:s:")) {
				assertThat(everything.opsForHash().values(key)).doesNotContain(secret);
			}
		}
	}

	@Test
	void renewingReplacesTheSecretAndKeepsThePublicId() {
		JsonNode session = this.api.signIn(this.user, SessionApi.CHROME_ON_WINDOWS);
		String old = session.get("secret").asString();

		JsonNode renewed = this.api.read(this.api.internal("POST", "/internal/sessions/renew",
				Map.of("secret", old, "authMethods", List.of("pwd", "otp"), "reauthenticated", true)));

		assertThat(renewed.get("sessionId").asString()).isEqualTo(session.get("sessionId").asString());
		assertThat(renewed.get("secret").asString()).isNotEqualTo(old);
		assertThat(this.api.isActive(old)).isFalse();
		JsonNode introspection = this.api.read(this.api.internal("POST", "/internal/sessions/introspect",
				Map.of("secret", renewed.get("secret").asString())));
		assertThat(introspection.get("active").asBoolean()).isTrue();
		assertThat(introspection.get("authMethods").toString()).isEqualTo("[\"pwd\",\"otp\"]");
		assertThat(this.api.internal("POST", "/internal/sessions/renew", Map.of("secret", old)).statusCode())
			.isEqualTo(404);
	}

	@Test
	void renewsByPublicIdOnlyForTheSessionsOwnerAndClearsThePasswordChangeFlag() {
		JsonNode session = this.api.signIn(this.user, SessionApi.CHROME_ON_WINDOWS);
		String id = session.get("sessionId").asString();
		String path = "/internal/users/" + this.user + "/sessions/" + id + "/renew";

		HttpResponse<String> stranger = this.api.internal("POST",
				"/internal/users/someone-else/sessions/" + id + "/renew", Map.of());
		this.clock.advance(Duration.ofMinutes(5));
		JsonNode renewed = this.api.read(this.api.internal("POST", path,
				Map.of("reauthenticated", true, "passwordChangeRequired", false)));

		assertThat(stranger.statusCode()).isEqualTo(404);
		assertThat(renewed.get("sessionId").asString()).isEqualTo(id);
		assertThat(this.api.isActive(session.get("secret").asString())).isFalse();
		JsonNode introspection = this.api.read(this.api.internal("POST", "/internal/sessions/introspect",
				Map.of("secret", renewed.get("secret").asString())));
		assertThat(introspection.get("passwordChangeRequired").asBoolean()).isFalse();
		assertThat(Instant.parse(introspection.get("authenticatedAt").asString()))
			.isEqualTo(this.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
		List<ConsumerRecord<String, String>> events = KafkaRecords.readUntil(Topics.SESSION_EVENTS,
				(read) -> count(read, EventTypes.SESSION_RENEWED) > 0, Duration.ofSeconds(30));
		assertThat(count(events, EventTypes.SESSION_RENEWED)).as("gateways must forget the old cookie").isEqualTo(1);
	}

	@Test
	void aSessionHeldToTwoFactorSetUpSaysSoUntilARenewalClearsTheFlagAndKeepsThePasswordOne() {
		HttpResponse<String> created = this.api.internal("POST", "/internal/sessions",
				Map.of("userId", this.user, "roles", List.of("USER", "ADMIN"), "authMethods", List.of("pwd"),
						"userAgent", SessionApi.CHROME_ON_WINDOWS, "passwordChangeRequired", true,
						"twoFactorSetupRequired", true));
		JsonNode session = this.api.read(created);
		String id = session.get("sessionId").asString();
		JsonNode flagged = this.api.read(this.api.internal("POST", "/internal/sessions/introspect",
				Map.of("secret", session.get("secret").asString())));
		JsonNode plain = this.api.read(this.api.internal("POST", "/internal/sessions/introspect",
				Map.of("secret", this.api.signIn(this.user, SessionApi.FIREFOX_ON_LINUX).get("secret").asString())));

		Map<String, Object> clear = new java.util.HashMap<>();
		clear.put("twoFactorSetupRequired", false);
		clear.put("passwordChangeRequired", null);
		JsonNode renewed = this.api.read(
				this.api.internal("POST", "/internal/users/" + this.user + "/sessions/" + id + "/renew", clear));
		JsonNode after = this.api.read(this.api.internal("POST", "/internal/sessions/introspect",
				Map.of("secret", renewed.get("secret").asString())));

		assertThat(created.statusCode()).isEqualTo(201);
		assertThat(flagged.get("twoFactorSetupRequired").asBoolean()).isTrue();
		assertThat(flagged.get("passwordChangeRequired").asBoolean()).isTrue();
		assertThat(plain.get("twoFactorSetupRequired").asBoolean()).isFalse();
		assertThat(after.get("active").asBoolean()).isTrue();
		assertThat(after.get("twoFactorSetupRequired").asBoolean()).isFalse();
		assertThat(after.get("passwordChangeRequired").asBoolean()).as("kept: not named in the renewal").isTrue();
	}

	@Test
	void endsOneSessionByPublicIdForItsOwnerOnly() {
		JsonNode session = this.api.signIn(this.user, SessionApi.CHROME_ON_WINDOWS);
		String id = session.get("sessionId").asString();

		int stranger = this.api.internal("DELETE", "/internal/users/someone-else/sessions/" + id, Map.of()).statusCode();
		assertThat(stranger).isEqualTo(404);
		assertThat(this.api.isActive(session.get("secret").asString())).isTrue();

		int owner = this.api.internal("DELETE", "/internal/users/" + this.user + "/sessions/" + id + "?reason=logout",
				Map.of()).statusCode();
		assertThat(owner).isEqualTo(204);
		assertThat(this.api.isActive(session.get("secret").asString())).isFalse();
	}

	@Test
	void logoutEndsTheSession() {
		String secret = this.api.signIn(this.user, SessionApi.CHROME_ON_WINDOWS).get("secret").asString();

		assertThat(this.api.internal("POST", "/internal/sessions/logout", Map.of("secret", secret)).statusCode())
			.isEqualTo(204);
		assertThat(this.api.isActive(secret)).isFalse();
	}

	@Test
	void flagsSignInFromADeviceNotSeenBefore() {
		assertThat(this.api.signIn(this.user, SessionApi.CHROME_ON_WINDOWS).get("newDevice").asBoolean()).isTrue();
		assertThat(this.api.signIn(this.user, SessionApi.CHROME_ON_WINDOWS).get("newDevice").asBoolean()).isFalse();
		assertThat(this.api.signIn(this.user, SessionApi.SAFARI_ON_IPHONE).get("newDevice").asBoolean()).isTrue();
	}

	@Test
	void passwordChangeEndsTheOtherSessionsButNotLaterOnes() {
		JsonNode changer = this.api.signIn(this.user, SessionApi.CHROME_ON_WINDOWS);
		JsonNode phone = this.api.signIn(this.user, SessionApi.SAFARI_ON_IPHONE);
		this.clock.advance(Duration.ofSeconds(5));
		CloudEvent changed = new CloudEvent("1.0", UUID.randomUUID().toString(), "/auth-service",
				EventTypes.PASSWORD_CHANGED, this.clock.instant().minusSeconds(1), this.user, "application/json",
				Map.of("userId", this.user, "sessionId", changer.get("sessionId").asString(),
						"signOutOtherSessions", true));
		JsonNode later = this.api.signIn(this.user, SessionApi.FIREFOX_ON_LINUX);

		KafkaRecords.send(Topics.AUTH_EVENTS, this.user, this.json.writeValueAsString(changed));
		await().atMost(Duration.ofSeconds(30)).until(() -> !this.api.isActive(phone.get("secret").asString()));
		KafkaRecords.send(Topics.AUTH_EVENTS, this.user, this.json.writeValueAsString(changed));

		assertThat(this.api.isActive(changer.get("secret").asString())).isTrue();
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(5))
			.until(() -> this.api.isActive(later.get("secret").asString()));
	}

	@Test
	void aPermanentLockEndsEverySessionOfTheUserButATemporaryOneDoesNot() {
		JsonNode laptop = this.api.signIn(this.user, SessionApi.CHROME_ON_WINDOWS);
		JsonNode phone = this.api.signIn(this.user, SessionApi.SAFARI_ON_IPHONE);
		this.clock.advance(Duration.ofSeconds(5));
		CloudEvent temporary = new CloudEvent("1.0", UUID.randomUUID().toString(), "/auth-service",
				EventTypes.ACCOUNT_LOCKED, this.clock.instant().minusSeconds(1), this.user, "application/json",
				Map.of("permanent", false));
		CloudEvent permanent = new CloudEvent("1.0", UUID.randomUUID().toString(), "/auth-service",
				EventTypes.ACCOUNT_LOCKED, this.clock.instant().minusSeconds(1), this.user, "application/json",
				Map.of("permanent", true));

		KafkaRecords.send(Topics.AUTH_EVENTS, this.user, this.json.writeValueAsString(temporary));
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(5))
			.until(() -> this.api.isActive(laptop.get("secret").asString()));
		KafkaRecords.send(Topics.AUTH_EVENTS, this.user, this.json.writeValueAsString(permanent));

		await().atMost(Duration.ofSeconds(30)).until(() -> !this.api.isActive(laptop.get("secret").asString())
				&& !this.api.isActive(phone.get("secret").asString()));
	}

	@Test
	void passwordChangeKeepsOtherSessionsWhenTheUserSaysSo() {
		JsonNode changer = this.api.signIn(this.user, SessionApi.CHROME_ON_WINDOWS);
		JsonNode phone = this.api.signIn(this.user, SessionApi.SAFARI_ON_IPHONE);
		CloudEvent keep = CloudEvent.of("/auth-service", EventTypes.PASSWORD_CHANGED, this.user,
				Map.of("sessionId", changer.get("sessionId").asString(), "signOutOtherSessions", false));
		JsonNode markerSession = this.api.signIn("marker-" + this.user, SessionApi.CHROME_ON_WINDOWS);
		// The service's clock is the test's: the change happens after the marker session began.
		CloudEvent marker = new CloudEvent("1.0", UUID.randomUUID().toString(), "/auth-service",
				EventTypes.PASSWORD_CHANGED, this.clock.instant().plusSeconds(1), "marker-" + this.user,
				"application/json", Map.of("signOutOtherSessions", true));

		KafkaRecords.send(Topics.AUTH_EVENTS, this.user, this.json.writeValueAsString(keep));
		KafkaRecords.send(Topics.AUTH_EVENTS, this.user, this.json.writeValueAsString(marker));
		await().atMost(Duration.ofSeconds(30)).until(() -> !this.api.isActive(markerSession.get("secret").asString()));

		assertThat(this.api.isActive(phone.get("secret").asString())).isTrue();
	}

	@Test
	void endsEverySessionOfAUserOnAnAdministratorsRequest() {
		JsonNode laptop = this.api.signIn(this.user, SessionApi.CHROME_ON_WINDOWS);
		JsonNode phone = this.api.signIn(this.user, SessionApi.SAFARI_ON_IPHONE);

		HttpResponse<String> response = this.api.internal("DELETE", "/internal/users/" + this.user + "/sessions", Map.of());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.api.read(response).get("ended").asInt()).isEqualTo(2);
		assertThat(this.api.isActive(laptop.get("secret").asString())).isFalse();
		assertThat(this.api.isActive(phone.get("secret").asString())).isFalse();
		List<ConsumerRecord<String, String>> revoked = KafkaRecords.readUntil(Topics.SESSION_EVENTS,
				(records) -> count(records, EventTypes.SESSION_REVOKED) >= 2, Duration.ofSeconds(30));
		assertThat(revoked).filteredOn((record) -> this.user.equals(record.key()))
			.filteredOn((record) -> record.value().contains(EventTypes.SESSION_REVOKED))
			.allSatisfy((record) -> assertThat(record.value()).contains("\"reason\":\"admin\""));
	}

	@Test
	void sessionCreatedEventDescribesTheDeviceWithoutTheSecret() {
		JsonNode session = this.api.signIn(this.user, SessionApi.SAFARI_ON_IPHONE);

		List<ConsumerRecord<String, String>> records = KafkaRecords.readUntil(Topics.SESSION_EVENTS,
				(read) -> count(read, EventTypes.SESSION_CREATED) >= 1, Duration.ofSeconds(30));

		assertThat(records).filteredOn((record) -> this.user.equals(record.key()))
			.singleElement()
			.satisfies((record) -> assertThat(record.value()).contains("\"sessionId\":\"" + session.get("sessionId").asString() + "\"")
				.contains("\"deviceType\":\"mobile\"")
				.contains("\"newDevice\":true")
				.doesNotContain(session.get("secret").asString())
				.doesNotContain(SessionSecrets.hash(session.get("secret").asString())));
	}

	@Test
	void internalApiRefusesUsersTokens() {
		HttpResponse<String> response = this.api.asUser("POST", "/internal/sessions/introspect",
				TestJwts.shared().forUser(this.user).roles("USER", "ADMIN"));

		assertThat(response.statusCode()).isEqualTo(401);
	}

	@Test
	void onlyAuthServiceCreatesSessionsAndOnlyTheGatewayIntrospectsThem() {
		Map<String, Object> admin = Map.of("userId", "someone-else", "roles", List.of("USER", "ADMIN"),
				"authMethods", List.of("pwd"), "ip", "203.0.113.7", "userAgent", "curl/8");
		HttpResponse<String> byGateway = this.api.internalAs("gateway", "POST", "/internal/sessions", admin);
		HttpResponse<String> byNotification = this.api.internalAs("notification-service", "POST",
				"/internal/sessions", admin);
		String secret = this.api.read(this.api.internal("POST", "/internal/sessions", admin)).get("secret").asString();
		HttpResponse<String> introspectedByAuth = this.api.internalAs("auth-service", "POST",
				"/internal/sessions/introspect", Map.of("secret", secret));

		assertThat(byGateway.statusCode()).isEqualTo(403);
		assertThat(byGateway.body()).contains("\"code\":\"caller_not_allowed\"").doesNotContain("secret");
		assertThat(byNotification.statusCode()).isEqualTo(401);
		assertThat(introspectedByAuth.statusCode()).isEqualTo(403);
		assertThat(this.api.isActive(secret)).isTrue();
	}

	@Test
	void badInputIsAProblemNeverAServerError() {
		HttpResponse<String> empty = this.api.internal("POST", "/internal/sessions", Map.of());
		HttpResponse<String> junkSecret = this.api.internal("POST", "/internal/sessions/introspect",
				Map.of("secret", "x".repeat(43)));
		HttpResponse<String> longSecret = this.api.internal("POST", "/internal/sessions/introspect",
				Map.of("secret", "x".repeat(5000)));

		assertThat(empty.statusCode()).isEqualTo(400);
		assertThat(empty.body()).contains("\"code\":\"validation_failed\"").contains("\"field\":\"userId\"");
		assertThat(this.api.read(junkSecret).get("active").asBoolean()).isFalse();
		assertThat(longSecret.statusCode()).isEqualTo(400);
	}

	private static JsonNode find(JsonNode sessions, String id) {
		for (JsonNode session : sessions) {
			if (session.get("id").asString().equals(id)) {
				return session;
			}
		}
		throw new AssertionError("no session " + id + " in " + sessions);
	}

	private long count(List<ConsumerRecord<String, String>> records, String type) {
		return records.stream()
			.filter((record) -> this.user.equals(record.key()) && record.value().contains("\"type\":\"" + type + "\""))
			.count();
	}

	@org.springframework.beans.factory.annotation.Autowired
	dev.warden.session.manage.SessionService service;

	/**
	 * A password change renews the current session while, triggered by the same change, the other sessions are
	 * listed and ended: a listing that caught the session mid-renewal must not drop it from the index, or it
	 * could no longer be ended by its public id (sign-out would silently leave it live). Found end to end.
	 */
	@Test
	void aSessionRenewedWhileItIsBeingListedCanStillBeEndedByItsPublicId() throws Exception {
		String user = "race-" + java.util.UUID.randomUUID();
		dev.warden.session.manage.IssuedSession issued = this.service.create(new dev.warden.session.manage.NewSession(
				user, java.util.List.of("USER"), java.util.List.of("pwd"), "203.0.113.7", SessionApi.CHROME_ON_WINDOWS,
				false, false));
		String publicId = issued.session().publicId();
		java.util.concurrent.atomic.AtomicBoolean renewing = new java.util.concurrent.atomic.AtomicBoolean(true);
		Thread renewer = new Thread(() -> {
			while (renewing.get()) {
				this.service.renew(user, publicId, null, false, dev.warden.session.manage.SessionService.Flags.KEEP);
			}
		});
		renewer.start();
		try {
			for (int i = 0; i < 2_000; i++) {
				this.service.list(user);
			}
		}
		finally {
			renewing.set(false);
			renewer.join();
		}

		assertThat(this.service.list(user)).extracting((session) -> session.publicId()).containsExactly(publicId);
		assertThat(this.service.revoke(user, publicId, dev.warden.session.manage.RevocationReason.LOGOUT)).isTrue();
	}
}
