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

import org.jspecify.annotations.Nullable;
import dev.warden.event.auth.PasswordChanged;
import dev.warden.event.auth.PasswordReset;
import dev.warden.event.auth.AccountDisabled;
import dev.warden.event.auth.AccountLocked;
import dev.warden.event.auth.RolesChanged;
import dev.warden.event.EventData;
import dev.warden.event.CloudEvent;
import dev.warden.event.EventTypes;
import dev.warden.event.Topics;
import dev.warden.infra.test.KafkaRecords;
import dev.warden.infra.test.MutableClock;
import dev.warden.infra.test.TestJwts;
import dev.warden.infra.test.TestRedis;
import dev.warden.serviceidentity.session.SessionSecrets;
import dev.warden.session.SessionApi.SignedIn;
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

/**
 * The Active sessions section against real Redis and Kafka: list, end one, end all
 * others, expiry, events.
 */
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

	TestJwts.Builder as(SignedIn session) {
		return TestJwts.shared().forUser(this.user).session(session.sessionId());
	}

	@Test
	void healthMetricsAndInfoAnswerOnlyOnTheManagementPort() {
		dev.warden.infra.test.ManagementEndpoints.assertOnlyOnManagementPort(this.port, this.managementPort);
	}

	@Test
	void listsEveryDeviceWithParsedNamesAndFlagsTheCurrentOne() {
		SignedIn laptop = this.api.signIn(this.user, SessionApi.CHROME_ON_WINDOWS);
		SignedIn phone = this.api.signIn(this.user, SessionApi.SAFARI_ON_IPHONE);

		JsonNode sessions = this.api.read(this.api.asUser("GET", "/api/security/sessions", as(laptop))).get("sessions");

		assertThat(sessions).hasSize(2);
		JsonNode current = find(sessions, laptop.sessionId());
		JsonNode other = find(sessions, phone.sessionId());
		assertThat(current.get("current").asBoolean()).isTrue();
		assertThat(current.get("browser").asString()).isEqualTo("Chrome 120");
		assertThat(current.get("os").asString()).isEqualTo("Windows 10");
		assertThat(current.get("deviceType").asString()).isEqualTo("desktop");
		assertThat(current.get("ip").asString()).isEqualTo("203.0.113.7");
		assertThat(other.get("current").asBoolean()).isFalse();
		assertThat(other.get("browser").asString()).isEqualTo("Mobile Safari 17");
		assertThat(other.get("os").asString()).isEqualTo("iOS 17");
		assertThat(other.get("deviceType").asString()).isEqualTo("mobile");
		assertThat(sessions.toString()).doesNotContain(laptop.secret()).doesNotContain(phone.secret());
	}

	@Test
	void endsEveryOtherSessionButTheCurrentOne() {
		SignedIn current = this.api.signIn(this.user, SessionApi.CHROME_ON_WINDOWS);
		SignedIn phone = this.api.signIn(this.user, SessionApi.SAFARI_ON_IPHONE);
		SignedIn other = this.api.signIn(this.user, SessionApi.FIREFOX_ON_LINUX);

		HttpResponse<String> response = this.api.asUser("POST", "/api/security/sessions/end-others", as(current));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.api.read(response).get("ended").asInt()).isEqualTo(2);
		assertThat(this.api.isActive(current.secret())).isTrue();
		assertThat(this.api.isActive(phone.secret())).isFalse();
		assertThat(this.api.isActive(other.secret())).isFalse();
		List<ConsumerRecord<String, String>> revoked = KafkaRecords.readUntil(Topics.SESSION_EVENTS,
				(records) -> count(records, EventTypes.SESSION_REVOKED) >= 2, Duration.ofSeconds(30));
		assertThat(count(revoked, EventTypes.SESSION_REVOKED)).isEqualTo(2);
		assertThat(revoked).filteredOn((record) -> record.key().equals(this.user))
			.allSatisfy((record) -> assertThat(record.value()).doesNotContain(phone.secret()));
	}

	@Test
	void endsOneChosenSession() {
		SignedIn current = this.api.signIn(this.user, SessionApi.CHROME_ON_WINDOWS);
		SignedIn phone = this.api.signIn(this.user, SessionApi.SAFARI_ON_IPHONE);

		HttpResponse<String> response = this.api.asUser("DELETE", "/api/security/sessions/" + phone.sessionId(),
				as(current));

		assertThat(response.statusCode()).isEqualTo(204);
		assertThat(this.api.isActive(phone.secret())).isFalse();
		assertThat(this.api.isActive(current.secret())).isTrue();
	}

	@Test
	void anotherUsersSessionIsNotFound() {
		SignedIn mine = this.api.signIn(this.user, SessionApi.CHROME_ON_WINDOWS);
		SignedIn theirs = this.api.signIn("someone-else-" + UUID.randomUUID(), SessionApi.CHROME_ON_WINDOWS);

		for (String id : new String[] { theirs.sessionId(), "not-a-session-id", "AAAAAAAAAAAAAAAAAAAAAA",
				"x".repeat(300) }) {
			HttpResponse<String> response = this.api.asUser("DELETE", "/api/security/sessions/" + id, as(mine));
			assertThat(response.statusCode()).as(id).isEqualTo(404);
			assertThat(response.headers().firstValue("Content-Type")).as(id).hasValue("application/problem+json");
			assertThat(response.body()).as(id).contains("\"code\":\"session_not_found\"");
		}
		HttpResponse<String> traversal = this.api.asUser("DELETE", "/api/security/sessions/%2e%2e%2fetc", as(mine));
		assertThat(traversal.statusCode()).isIn(400, 404);
		assertThat(traversal.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(this.api.isActive(theirs.secret())).isTrue();
	}

	@Test
	void endingSessionsNeedsARecentSignIn() {
		SignedIn current = this.api.signIn(this.user, SessionApi.CHROME_ON_WINDOWS);
		SignedIn phone = this.api.signIn(this.user, SessionApi.SAFARI_ON_IPHONE);
		TestJwts.Builder stale = as(current).authTime(Instant.now().minus(Duration.ofMinutes(20)));

		HttpResponse<String> endOthers = this.api.asUser("POST", "/api/security/sessions/end-others", stale);
		HttpResponse<String> endOne = this.api.asUser("DELETE", "/api/security/sessions/" + phone.sessionId(), stale);

		assertThat(endOthers.statusCode()).isEqualTo(403);
		assertThat(endOthers.body()).contains("\"code\":\"reauthentication_required\"");
		assertThat(endOne.statusCode()).isEqualTo(403);
		assertThat(this.api.isActive(phone.secret())).isTrue();
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
		String secret = this.api.signIn(this.user, SessionApi.CHROME_ON_WINDOWS).secret();

		this.clock.advance(Duration.ofMinutes(29));
		assertThat(this.api.isActive(secret)).isTrue();
		this.clock.advance(Duration.ofMinutes(29));
		assertThat(this.api.isActive(secret)).as("activity 29 min ago slid the idle expiry").isTrue();
		this.clock.advance(Duration.ofMinutes(31));
		assertThat(this.api.isActive(secret)).isFalse();
	}

	@Test
	void absoluteLifetimeEndsEvenABusySession() {
		String secret = this.api.signIn(this.user, SessionApi.CHROME_ON_WINDOWS).secret();

		for (int i = 0; i < 28; i++) {
			this.clock.advance(Duration.ofMinutes(25));
			assertThat(this.api.isActive(secret)).as("after %d min", (i + 1) * 25).isTrue();
		}
		this.clock.advance(Duration.ofMinutes(25));

		assertThat(this.api.isActive(secret)).as("past 12 h").isFalse();
	}

	@Test
	void recordsActivityAtMostOncePerTouchInterval() {
		SignedIn session = this.api.signIn(this.user, SessionApi.CHROME_ON_WINDOWS);
		String secret = session.secret();
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
	void createAnswersNoSecretAndTheStoreHoldsNoCookieValue() {
		String secret = SessionSecrets.newSecret();

		HttpResponse<String> created = this.api.create(secret, this.user, SessionApi.CHROME_ON_WINDOWS);

		assertThat(created.statusCode()).isEqualTo(201);
		assertThat(this.api.read(created).has("secret")).isFalse();
		assertThat(created.body()).doesNotContain(secret);
		// Listing keys is no service's right: look as the tests' own Redis user.
		StringRedisTemplate everything = TestRedis.unrestricted();
		Set<String> keys = everything.keys("warden:session:*");
		assertThat(keys).contains("warden:session:s:" + SessionSecrets.hash(secret));
		assertThat(keys).noneMatch((key) -> key.contains(secret));
		for (String key : keys) {
			if (key.startsWith("warden:session:s:")) {
				assertThat(everything.opsForHash().values(key)).as(key)
					.noneMatch((value) -> value.toString().contains(secret));
			}
		}
	}

	@Test
	void creatingUnderAHashInUseIsAConflictAndLeavesTheFirstSessionAsItWas() {
		SignedIn first = this.api.signIn(this.user, SessionApi.CHROME_ON_WINDOWS);
		String intruder = "intruder-" + UUID.randomUUID();

		HttpResponse<String> again = this.api.create(first.secret(), intruder, SessionApi.FIREFOX_ON_LINUX);

		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(again.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(again.body()).contains("\"code\":\"session_exists\"");
		JsonNode introspection = this.api.introspect(first.secret());
		assertThat(introspection.get("userId").asString()).isEqualTo(this.user);
		assertThat(introspection.get("sessionId").asString()).isEqualTo(first.sessionId());
		assertThat(this.redis.opsForHash().get("warden:session:s:" + first.secretHash(), "ua"))
			.isEqualTo(SessionApi.CHROME_ON_WINDOWS);
		assertThat(this.service.list(intruder)).isEmpty();
	}

	@Test
	void renewingMovesTheSessionToTheNewHashAndKeepsThePublicId() {
		SignedIn session = this.api.signIn(this.user, SessionApi.CHROME_ON_WINDOWS);

		SignedIn renewed = this.api.renew(this.user, session.sessionId(),
				Map.of("authMethods", List.of("pwd", "otp"), "reauthenticated", true));

		assertThat(renewed.sessionId()).isEqualTo(session.sessionId());
		assertThat(renewed.answer().has("secret")).isFalse();
		assertThat(renewed.newDevice()).isFalse();
		assertThat(this.api.isActive(session.secret())).isFalse();
		JsonNode introspection = this.api.introspect(renewed.secret());
		assertThat(introspection.get("active").asBoolean()).isTrue();
		assertThat(introspection.get("authMethods").toString()).isEqualTo("[\"pwd\",\"otp\"]");
	}

	@Test
	void renewingOntoAHashInUseIsAConflictAndChangesNothing() {
		SignedIn laptop = this.api.signIn(this.user, SessionApi.CHROME_ON_WINDOWS);
		SignedIn phone = this.api.signIn(this.user, SessionApi.SAFARI_ON_IPHONE);

		HttpResponse<String> ontoPhone = this.api.renew(this.user, laptop.sessionId(), phone.secretHash(), Map.of());
		HttpResponse<String> ontoItself = this.api.renew(this.user, laptop.sessionId(), laptop.secretHash(), Map.of());

		assertThat(ontoPhone.statusCode()).isEqualTo(409);
		assertThat(ontoPhone.body()).contains("\"code\":\"session_exists\"");
		assertThat(ontoItself.statusCode()).isEqualTo(409);
		assertThat(this.api.introspect(laptop.secret()).get("sessionId").asString()).isEqualTo(laptop.sessionId());
		assertThat(this.api.introspect(phone.secret()).get("sessionId").asString()).isEqualTo(phone.sessionId());
	}

	@Test
	void renewingHandsBackThePreviousGrantAndTheRenewedSessionHasNoneUntilOneIsAttached() {
		SignedIn session = this.api.signIn(this.user, SessionApi.CHROME_ON_WINDOWS);
		String first = SessionApi.grantFor(this.user, session);
		assertThat(this.api.attachGrant(this.user, session.sessionId(), session.secretHash(), first).statusCode())
			.isEqualTo(204);

		SignedIn renewed = this.api.renew(this.user, session.sessionId(), Map.of());

		assertThat(renewed.answer().get("grant").asString()).isEqualTo(first);
		assertThat(this.api.introspect(renewed.secret()).get("grant").isNull()).isTrue();
		assertThat((String) this.redis.opsForHash().get("warden:session:s:" + renewed.secretHash(), "grant"))
			.isNullOrEmpty();
		String second = SessionApi.grantFor(this.user, renewed);
		assertThat(this.api.attachGrant(this.user, session.sessionId(), renewed.secretHash(), second).statusCode())
			.isEqualTo(204);
		assertThat(this.api.introspect(renewed.secret()).get("grant").asString()).isEqualTo(second);
		SignedIn again = this.api.renew(this.user, session.sessionId(), Map.of());
		assertThat(again.answer().get("grant").asString()).isEqualTo(second);
		SignedIn ungranted = this.api.renew(this.user, session.sessionId(), Map.of());
		assertThat(ungranted.answer().has("grant")).as("named, as null").isTrue();
		assertThat(ungranted.answer().get("grant").isNull()).isTrue();
	}

	@Test
	void aGrantForAnotherCookieOrAnotherUsersSessionIsNotStored() {
		SignedIn session = this.api.signIn(this.user, SessionApi.CHROME_ON_WINDOWS);
		SignedIn renewed = this.api.renew(this.user, session.sessionId(), Map.of());
		String stranger = "someone-else-" + UUID.randomUUID();
		SignedIn theirs = this.api.signIn(stranger, SessionApi.CHROME_ON_WINDOWS);
		String grant = SessionApi.grantFor(this.user, renewed);

		List<HttpResponse<String>> refused = List.of(
				this.api.attachGrant(this.user, session.sessionId(), session.secretHash(), grant),
				this.api.attachGrant(stranger, session.sessionId(), renewed.secretHash(), grant),
				this.api.attachGrant(this.user, theirs.sessionId(), theirs.secretHash(), grant),
				this.api.attachGrant(this.user, theirs.sessionId(), renewed.secretHash(), grant),
				this.api.attachGrant(this.user, "AAAAAAAAAAAAAAAAAAAAAA", renewed.secretHash(), grant),
				this.api.attachGrant(this.user, "not-a-session-id", renewed.secretHash(), grant));

		assertThat(refused).allSatisfy((response) -> assertThat(response.statusCode()).isEqualTo(404));
		assertThat(this.api.introspect(renewed.secret()).get("grant").isNull()).isTrue();
		assertThat(this.api.introspect(theirs.secret()).get("grant").isNull()).isTrue();
		assertThat(TestRedis.unrestricted().hasKey("warden:session:s:" + session.secretHash()))
			.as("no hash left under the pre-renewal cookie")
			.isFalse();
	}

	@Test
	void aGrantIsNotAttachedToAnExpiredSession() {
		SignedIn session = this.api.signIn(this.user, SessionApi.CHROME_ON_WINDOWS);
		this.clock.advance(Duration.ofMinutes(31));

		HttpResponse<String> late = this.api.attachGrant(this.user, session.sessionId(), session.secretHash(),
				SessionApi.grantFor(this.user, session));

		assertThat(late.statusCode()).isEqualTo(404);
		assertThat(this.redis.opsForHash().get("warden:session:s:" + session.secretHash(), "grant")).isNull();
	}

	@Test
	void introspectionReturnsTheAttachedGrantAndALaterOneReplacesIt() {
		SignedIn session = this.api.signIn(this.user, SessionApi.CHROME_ON_WINDOWS);
		assertThat(this.api.introspect(session.secret()).get("grant").isNull()).as("none attached yet").isTrue();
		String first = SessionApi.grantFor(this.user, session);
		String second = SessionApi.grantFor(this.user, session);

		this.api.attachGrant(this.user, session.sessionId(), session.secretHash(), first);
		JsonNode withFirst = this.api.introspect(session.secret());
		this.api.attachGrant(this.user, session.sessionId(), session.secretHash(), second);
		JsonNode withSecond = this.api.introspect(session.secret());

		assertThat(withFirst.get("active").asBoolean()).isTrue();
		assertThat(withFirst.get("grant").asString()).isEqualTo(first);
		assertThat(withSecond.get("grant").asString()).isEqualTo(second);
	}

	@Test
	void introspectionByTheCookieValueInsteadOfItsHashFindsNothing() {
		SignedIn session = this.api.signIn(this.user, SessionApi.CHROME_ON_WINDOWS);

		HttpResponse<String> byValue = this.api.internal("POST", "/internal/sessions/introspect",
				Map.of("secretHash", session.secret()));
		HttpResponse<String> asBefore = this.api.internal("POST", "/internal/sessions/introspect",
				Map.of("secret", session.secret()));

		assertThat(byValue.statusCode()).isEqualTo(200);
		assertThat(this.api.read(byValue).get("active").asBoolean()).isFalse();
		assertThat(byValue.body()).doesNotContain(session.sessionId());
		assertThat(asBefore.statusCode()).isEqualTo(400);
		assertThat(asBefore.body()).contains("\"field\":\"secretHash\"");
		assertThat(this.api.isActive(session.secret())).isTrue();
	}

	@Test
	void renewsByPublicIdOnlyForTheSessionsOwnerAndClearsThePasswordChangeFlag() {
		SignedIn session = this.api.signIn(this.user, SessionApi.CHROME_ON_WINDOWS);
		String id = session.sessionId();

		HttpResponse<String> stranger = this.api.renew("someone-else", id,
				SessionSecrets.hash(SessionSecrets.newSecret()), Map.of());
		this.clock.advance(Duration.ofMinutes(5));
		SignedIn renewed = this.api.renew(this.user, id,
				Map.of("reauthenticated", true, "passwordChangeRequired", false));

		assertThat(stranger.statusCode()).isEqualTo(404);
		assertThat(renewed.sessionId()).isEqualTo(id);
		assertThat(this.api.isActive(session.secret())).isFalse();
		JsonNode introspection = this.api.introspect(renewed.secret());
		assertThat(introspection.get("passwordChangeRequired").asBoolean()).isFalse();
		assertThat(Instant.parse(introspection.get("authenticatedAt").asString()))
			.isEqualTo(this.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
		List<ConsumerRecord<String, String>> events = KafkaRecords.readUntil(Topics.SESSION_EVENTS,
				(read) -> count(read, EventTypes.SESSION_RENEWED) > 0, Duration.ofSeconds(30));
		assertThat(count(events, EventTypes.SESSION_RENEWED)).as("gateways must forget the old cookie").isEqualTo(1);
	}

	@Test
	void aSessionHeldToTwoFactorSetUpSaysSoUntilARenewalClearsTheFlagAndKeepsThePasswordOne() {
		String secret = SessionSecrets.newSecret();
		HttpResponse<String> created = this.api.internal("POST", "/internal/sessions",
				Map.of("userId", this.user, "roles", List.of("USER", "ADMIN"), "authMethods", List.of("pwd"),
						"userAgent", SessionApi.CHROME_ON_WINDOWS, "passwordChangeRequired", true,
						"twoFactorSetupRequired", true, "secretHash", SessionSecrets.hash(secret)));
		String id = this.api.read(created).get("sessionId").asString();
		JsonNode flagged = this.api.introspect(secret);
		JsonNode plain = this.api.introspect(this.api.signIn(this.user, SessionApi.FIREFOX_ON_LINUX).secret());

		Map<String, Object> clear = new java.util.HashMap<>();
		clear.put("twoFactorSetupRequired", false);
		clear.put("passwordChangeRequired", null);
		SignedIn renewed = this.api.renew(this.user, id, clear);
		JsonNode after = this.api.introspect(renewed.secret());

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
		SignedIn session = this.api.signIn(this.user, SessionApi.CHROME_ON_WINDOWS);
		String id = session.sessionId();

		int stranger = this.api.internal("DELETE", "/internal/users/someone-else/sessions/" + id, Map.of())
			.statusCode();
		assertThat(stranger).isEqualTo(404);
		assertThat(this.api.isActive(session.secret())).isTrue();

		int owner = this.api
			.internal("DELETE", "/internal/users/" + this.user + "/sessions/" + id + "?reason=logout", Map.of())
			.statusCode();
		assertThat(owner).isEqualTo(204);
		assertThat(this.api.isActive(session.secret())).isFalse();
	}

	@Test
	void authServiceCountsAUsersLiveSessionsAndNoOtherCallerMayAsk() {
		this.api.signIn(this.user, SessionApi.CHROME_ON_WINDOWS);
		this.api.signIn(this.user, SessionApi.SAFARI_ON_IPHONE);
		SignedIn ended = this.api.signIn(this.user, SessionApi.FIREFOX_ON_LINUX);
		this.api.internal("DELETE", "/internal/users/" + this.user + "/sessions/" + ended.sessionId(), Map.of());
		String path = "/internal/users/" + this.user + "/sessions/count";

		HttpResponse<String> counted = this.api.internal("GET", path, Map.of());
		HttpResponse<String> byGateway = this.api.internalAs("gateway", "GET", path, Map.of());

		assertThat(counted.statusCode()).isEqualTo(200);
		assertThat(counted.body()).isEqualTo("{\"count\":2}");
		assertThat(byGateway.statusCode()).isEqualTo(403);
		assertThat(byGateway.body()).contains("\"code\":\"caller_not_allowed\"");
	}

	@Test
	void theEndpointsThatTookACookieValueAreGone() {
		SignedIn session = this.api.signIn(this.user, SessionApi.CHROME_ON_WINDOWS);

		for (String path : new String[] { "/internal/sessions/logout", "/internal/sessions/renew" }) {
			HttpResponse<String> response = this.api.internal("POST", path, Map.of("secret", session.secret()));
			// An internal path no endpoint names a caller for is closed to every caller,
			// before any 404.
			assertThat(response.statusCode()).as(path).isEqualTo(403);
			assertThat(response.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
			assertThat(response.body()).as(path).contains("\"code\":\"caller_not_allowed\"");
		}
		assertThat(this.api.isActive(session.secret())).isTrue();
	}

	@Test
	void flagsSignInFromADeviceNotSeenBefore() {
		assertThat(this.api.signIn(this.user, SessionApi.CHROME_ON_WINDOWS).newDevice()).isTrue();
		assertThat(this.api.signIn(this.user, SessionApi.CHROME_ON_WINDOWS).newDevice()).isFalse();
		assertThat(this.api.signIn(this.user, SessionApi.SAFARI_ON_IPHONE).newDevice()).isTrue();
	}

	@Test
	void passwordChangeEndsTheOtherSessionsButNotLaterOnes() {
		SignedIn changer = this.api.signIn(this.user, SessionApi.CHROME_ON_WINDOWS);
		SignedIn phone = this.api.signIn(this.user, SessionApi.SAFARI_ON_IPHONE);
		this.clock.advance(Duration.ofSeconds(5));
		CloudEvent changed = new CloudEvent("1.0", UUID.randomUUID().toString(), "/auth-service",
				EventTypes.PASSWORD_CHANGED, this.clock.instant().minusSeconds(1), this.user, "application/json",
				passwordChanged(changer.sessionId(), true));
		SignedIn later = this.api.signIn(this.user, SessionApi.FIREFOX_ON_LINUX);

		KafkaRecords.send(Topics.AUTH_EVENTS, this.user, this.json.writeValueAsString(changed));
		await().atMost(Duration.ofSeconds(30)).until(() -> !this.api.isActive(phone.secret()));
		KafkaRecords.send(Topics.AUTH_EVENTS, this.user, this.json.writeValueAsString(changed));

		assertThat(this.api.isActive(changer.secret())).isTrue();
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(5))
			.until(() -> this.api.isActive(later.secret()));
	}

	@Test
	void aPermanentLockEndsEverySessionOfTheUserButATemporaryOneDoesNot() {
		SignedIn laptop = this.api.signIn(this.user, SessionApi.CHROME_ON_WINDOWS);
		SignedIn phone = this.api.signIn(this.user, SessionApi.SAFARI_ON_IPHONE);
		this.clock.advance(Duration.ofSeconds(5));
		CloudEvent temporary = new CloudEvent("1.0", UUID.randomUUID().toString(), "/auth-service",
				EventTypes.ACCOUNT_LOCKED, this.clock.instant().minusSeconds(1), this.user, "application/json",
				locked(false));
		CloudEvent permanent = new CloudEvent("1.0", UUID.randomUUID().toString(), "/auth-service",
				EventTypes.ACCOUNT_LOCKED, this.clock.instant().minusSeconds(1), this.user, "application/json",
				locked(true));

		KafkaRecords.send(Topics.AUTH_EVENTS, this.user, this.json.writeValueAsString(temporary));
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(5))
			.until(() -> this.api.isActive(laptop.secret()));
		KafkaRecords.send(Topics.AUTH_EVENTS, this.user, this.json.writeValueAsString(permanent));

		await().atMost(Duration.ofSeconds(30))
			.until(() -> !this.api.isActive(laptop.secret()) && !this.api.isActive(phone.secret()));
	}

	@Test
	void aPasswordResetEndsEverySessionOfTheUserButNotLaterOnes() {
		SignedIn laptop = this.api.signIn(this.user, SessionApi.CHROME_ON_WINDOWS);
		SignedIn phone = this.api.signIn(this.user, SessionApi.SAFARI_ON_IPHONE);
		this.clock.advance(Duration.ofSeconds(5));
		CloudEvent reset = new CloudEvent("1.0", UUID.randomUUID().toString(), "/auth-service",
				EventTypes.PASSWORD_RESET, this.clock.instant().minusSeconds(1), this.user, "application/json",
				EventData
					.of(new PasswordReset("u@example.test", "U", null, "203.0.113.7", null, this.clock.instant())));
		SignedIn later = this.api.signIn(this.user, SessionApi.FIREFOX_ON_LINUX);

		KafkaRecords.send(Topics.AUTH_EVENTS, this.user, this.json.writeValueAsString(reset));

		await().atMost(Duration.ofSeconds(30))
			.until(() -> !this.api.isActive(laptop.secret()) && !this.api.isActive(phone.secret()));
		assertThat(this.api.isActive(later.secret())).as("signed in with the new password").isTrue();
	}

	@Test
	void aDisabledAccountOrOneWhoseRolesChangedLosesEverySession() {
		for (CloudEvent event : List.of(
				new CloudEvent("1.0", UUID.randomUUID().toString(), "/auth-service", EventTypes.ACCOUNT_DISABLED,
						this.clock.instant().plusSeconds(4), this.user, "application/json",
						EventData.of(new AccountDisabled("u@example.test", "U", null, "admin-1", "Admin"))),
				new CloudEvent("1.0", UUID.randomUUID().toString(), "/auth-service", EventTypes.ROLES_CHANGED,
						this.clock.instant().plusSeconds(14), this.user, "application/json", EventData
							.of(new RolesChanged("u@example.test", "U", null, List.of("USER"), "admin-1", "Admin"))))) {
			SignedIn laptop = this.api.signIn(this.user, SessionApi.CHROME_ON_WINDOWS);
			SignedIn phone = this.api.signIn(this.user, SessionApi.SAFARI_ON_IPHONE);
			this.clock.advance(Duration.ofSeconds(10));

			KafkaRecords.send(Topics.AUTH_EVENTS, this.user, this.json.writeValueAsString(event));

			await(event.type()).atMost(Duration.ofSeconds(30))
				.until(() -> !this.api.isActive(laptop.secret()) && !this.api.isActive(phone.secret()));
		}
	}

	@Test
	void passwordChangeKeepsOtherSessionsWhenTheUserSaysSo() {
		SignedIn changer = this.api.signIn(this.user, SessionApi.CHROME_ON_WINDOWS);
		SignedIn phone = this.api.signIn(this.user, SessionApi.SAFARI_ON_IPHONE);
		CloudEvent keep = CloudEvent.of("/auth-service", EventTypes.PASSWORD_CHANGED, this.user,
				passwordChanged(changer.sessionId(), false));
		SignedIn markerSession = this.api.signIn("marker-" + this.user, SessionApi.CHROME_ON_WINDOWS);
		// The service's clock is the test's: the change happens after the marker session
		// began.
		CloudEvent marker = new CloudEvent("1.0", UUID.randomUUID().toString(), "/auth-service",
				EventTypes.PASSWORD_CHANGED, this.clock.instant().plusSeconds(1), "marker-" + this.user,
				"application/json", passwordChanged(null, true));

		KafkaRecords.send(Topics.AUTH_EVENTS, this.user, this.json.writeValueAsString(keep));
		KafkaRecords.send(Topics.AUTH_EVENTS, this.user, this.json.writeValueAsString(marker));
		await().atMost(Duration.ofSeconds(30)).until(() -> !this.api.isActive(markerSession.secret()));

		assertThat(this.api.isActive(phone.secret())).isTrue();
	}

	@Test
	void endsEverySessionOfAUserOnAnAdministratorsRequest() {
		SignedIn laptop = this.api.signIn(this.user, SessionApi.CHROME_ON_WINDOWS);
		SignedIn phone = this.api.signIn(this.user, SessionApi.SAFARI_ON_IPHONE);

		HttpResponse<String> response = this.api.internal("DELETE", "/internal/users/" + this.user + "/sessions",
				Map.of());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.api.read(response).get("ended").asInt()).isEqualTo(2);
		assertThat(this.api.isActive(laptop.secret())).isFalse();
		assertThat(this.api.isActive(phone.secret())).isFalse();
		List<ConsumerRecord<String, String>> revoked = KafkaRecords.readUntil(Topics.SESSION_EVENTS,
				(records) -> count(records, EventTypes.SESSION_REVOKED) >= 2, Duration.ofSeconds(30));
		assertThat(revoked).filteredOn((record) -> this.user.equals(record.key()))
			.filteredOn((record) -> record.value().contains(EventTypes.SESSION_REVOKED))
			.allSatisfy((record) -> assertThat(record.value()).contains("\"reason\":\"admin\""));
	}

	@Test
	void sessionCreatedEventDescribesTheDeviceWithoutTheSecret() {
		SignedIn session = this.api.signIn(this.user, SessionApi.SAFARI_ON_IPHONE);

		List<ConsumerRecord<String, String>> records = KafkaRecords.readUntil(Topics.SESSION_EVENTS,
				(read) -> count(read, EventTypes.SESSION_CREATED) >= 1, Duration.ofSeconds(30));

		assertThat(records).filteredOn((record) -> this.user.equals(record.key()))
			.singleElement()
			.satisfies((record) -> assertThat(record.value()).contains("\"sessionId\":\"" + session.sessionId() + "\"")
				.contains("\"deviceType\":\"mobile\"")
				.contains("\"newDevice\":true")
				.doesNotContain(session.secret())
				.doesNotContain(SessionSecrets.hash(session.secret())));
	}

	@Test
	void anAdministratorListsAUsersSessionsAndNobodyElseMay() {
		String user = UUID.randomUUID().toString();
		SignedIn laptop = this.api.signIn(user, SessionApi.CHROME_ON_WINDOWS);
		this.api.signIn(user, SessionApi.SAFARI_ON_IPHONE);

		JsonNode listed = this.api.read(this.api.asUser("GET", "/api/admin/users/" + user + "/sessions",
				TestJwts.shared().forUser("admin-1").roles("USER", "ADMIN")));
		HttpResponse<String> byTheUser = this.api.asUser("GET", "/api/admin/users/" + user + "/sessions",
				TestJwts.shared().forUser(user).roles("USER"));

		assertThat(listed.path("sessions")).hasSize(2);
		assertThat(listed.toString()).doesNotContain(laptop.secret()).doesNotContain("\"current\":true");
		assertThat(byTheUser.statusCode()).isEqualTo(403);
	}

	@Test
	void internalApiRefusesUsersTokens() {
		HttpResponse<String> response = this.api.asUser("POST", "/internal/sessions/introspect",
				TestJwts.shared().forUser(this.user).roles("USER", "ADMIN"));

		assertThat(response.statusCode()).isEqualTo(401);
	}

	@Test
	void onlyAuthServiceCreatesSessionsAndAttachesGrantsAndOnlyTheGatewayIntrospectsThem() {
		String secret = SessionSecrets.newSecret();
		Map<String, Object> admin = Map.of("userId", "someone-else", "roles", List.of("USER", "ADMIN"), "authMethods",
				List.of("pwd"), "ip", "203.0.113.7", "userAgent", "curl/8", "secretHash",
				SessionSecrets.hash(SessionSecrets.newSecret()));
		HttpResponse<String> byGateway = this.api.internalAs("gateway", "POST", "/internal/sessions", admin);
		HttpResponse<String> byNotification = this.api.internalAs("notification-service", "POST", "/internal/sessions",
				admin);
		SignedIn session = SignedIn.of(secret, this.api.read(this.api.create(secret, this.user, "curl/8")));
		HttpResponse<String> introspectedByAuth = this.api.internalAs("auth-service", "POST",
				"/internal/sessions/introspect", Map.of("secretHash", session.secretHash()));
		HttpResponse<String> grantByGateway = this.api.internalAs("gateway", "PUT",
				"/internal/users/" + this.user + "/sessions/" + session.sessionId() + "/grant",
				Map.of("secretHash", session.secretHash(), "grant", SessionApi.grantFor(this.user, session)));

		assertThat(byGateway.statusCode()).isEqualTo(403);
		assertThat(byGateway.body()).contains("\"code\":\"caller_not_allowed\"").doesNotContain("secret");
		assertThat(byNotification.statusCode()).isEqualTo(401);
		assertThat(introspectedByAuth.statusCode()).isEqualTo(403);
		assertThat(grantByGateway.statusCode()).isEqualTo(403);
		assertThat(this.api.introspect(secret).get("active").asBoolean()).isTrue();
		assertThat(this.api.introspect(secret).get("grant").isNull()).isTrue();
	}

	@Test
	void badInputIsAProblemNeverAServerError() {
		SignedIn session = this.api.signIn(this.user, SessionApi.CHROME_ON_WINDOWS);
		String grantPath = "/internal/users/" + this.user + "/sessions/" + session.sessionId() + "/grant";
		String grant = SessionApi.grantFor(this.user, session);
		Map<String, Object> signIn = Map.of("userId", this.user, "roles", List.of("USER"), "authMethods",
				List.of("pwd"));

		HttpResponse<String> empty = this.api.internal("POST", "/internal/sessions", Map.of());
		Map<String, HttpResponse<String>> refused = new java.util.LinkedHashMap<>();
		refused.put("create without hash", this.api.internal("POST", "/internal/sessions", signIn));
		refused.put("create with a short hash", this.api.internal("POST", "/internal/sessions",
				with(signIn, "secretHash", session.secretHash().substring(1))));
		refused.put("create with a hash of other characters", this.api.internal("POST", "/internal/sessions",
				with(signIn, "secretHash", "+/" + session.secretHash().substring(2))));
		refused.put("renew without hash", this.api.internal("POST",
				"/internal/users/" + this.user + "/sessions/" + session.sessionId() + "/renew", Map.of()));
		refused.put("renew with a short hash",
				this.api.renew(this.user, session.sessionId(), "x".repeat(42), Map.of()));
		refused.put("grant without hash", this.api.internal("PUT", grantPath, Map.of("grant", grant)));
		refused.put("grant without grant",
				this.api.internal("PUT", grantPath, Map.of("secretHash", session.secretHash())));
		refused.put("grant of two parts", this.api.attachGrant(this.user, session.sessionId(), session.secretHash(),
				grant.substring(0, grant.lastIndexOf('.'))));
		refused.put("unsigned grant", this.api.attachGrant(this.user, session.sessionId(), session.secretHash(),
				grant.substring(0, grant.lastIndexOf('.') + 1)));
		refused.put("grant too long",
				this.api.attachGrant(this.user, session.sessionId(), session.secretHash(), grant + "A".repeat(4096)));
		refused.put("introspection without hash", this.api.internal("POST", "/internal/sessions/introspect", Map.of()));
		refused.put("introspection of junk size",
				this.api.internal("POST", "/internal/sessions/introspect", Map.of("secretHash", "x".repeat(5000))));
		HttpResponse<String> junkHash = this.api.internal("POST", "/internal/sessions/introspect",
				Map.of("secretHash", "x".repeat(43)));
		HttpResponse<String> malformedHash = this.api.internal("POST", "/internal/sessions/introspect",
				Map.of("secretHash", "not a hash"));

		assertThat(empty.statusCode()).isEqualTo(400);
		assertThat(empty.body()).contains("\"code\":\"validation_failed\"")
			.contains("\"field\":\"userId\"")
			.contains("\"field\":\"secretHash\"");
		refused.forEach((what, response) -> {
			assertThat(response.statusCode()).as(what).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type")).as(what).hasValue("application/problem+json");
			assertThat(response.body()).as(what).contains("\"code\":\"validation_failed\"");
		});
		assertThat(this.api.read(junkHash).get("active").asBoolean()).isFalse();
		assertThat(this.api.read(malformedHash).get("active").asBoolean()).isFalse();
		assertThat(this.api.introspect(session.secret()).get("grant").isNull()).as("nothing stored").isTrue();
		assertThat(this.service.list(this.user)).as("nothing created").hasSize(1);
	}

	private static Map<String, Object> with(Map<String, Object> fields, String name, Object value) {
		Map<String, Object> more = new java.util.LinkedHashMap<>(fields);
		more.put(name, value);
		return more;
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
	dev.warden.session.lifecycle.SessionService service;

	/**
	 * A password change renews the current session while, triggered by the same change,
	 * the other sessions are listed and ended: a listing that caught the session
	 * mid-renewal must not drop it from the index, or it could no longer be ended by its
	 * public id (sign-out would silently leave it live). Found end to end.
	 */
	@Test
	void aSessionRenewedWhileItIsBeingListedCanStillBeEndedByItsPublicId() throws Exception {
		String user = "race-" + java.util.UUID.randomUUID();
		dev.warden.session.lifecycle.IssuedSession issued = this.service
			.create(new dev.warden.session.lifecycle.NewSession(user, java.util.List.of("USER"),
					java.util.List.of("pwd"), "203.0.113.7", SessionApi.CHROME_ON_WINDOWS, false, false,
					SessionSecrets.hash(SessionSecrets.newSecret())));
		String publicId = issued.session().publicId();
		java.util.concurrent.atomic.AtomicBoolean renewing = new java.util.concurrent.atomic.AtomicBoolean(true);
		Thread renewer = new Thread(() -> {
			while (renewing.get()) {
				this.service.renew(user, publicId, SessionSecrets.hash(SessionSecrets.newSecret()), null, false,
						dev.warden.session.lifecycle.SessionService.Flags.KEEP);
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
		assertThat(this.service.revoke(user, publicId, dev.warden.session.lifecycle.RevocationReason.LOGOUT)).isTrue();
	}

	/** The data of a password change, as auth-service publishes it. */
	private Map<String, Object> passwordChanged(@Nullable String keptSessionId, boolean signOutOthers) {
		return EventData.of(new PasswordChanged("u@example.test", "U", null, "203.0.113.7", null, keptSessionId,
				signOutOthers, this.clock.instant()));
	}

	private Map<String, Object> locked(boolean permanent) {
		return EventData.of(new AccountLocked("u@example.test", "U", null, "203.0.113.7", null, permanent ? 20 : 5,
				permanent, permanent ? null : this.clock.instant().plusSeconds(900)));
	}

}
