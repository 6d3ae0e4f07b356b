package dev.warden.auth.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.warden.auth.AuthIntegrationTest;
import dev.warden.auth.SessionServiceStub;
import dev.warden.auth.user.User;
import dev.warden.auth.user.UserStore;
import dev.warden.event.EventTypes;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/** Signing in and out against real PostgreSQL, Redis and Kafka. */
class LoginIT extends AuthIntegrationTest {

	@Autowired
	UserStore store;

	@Autowired
	CircuitBreakerRegistry breakers;

	@AfterEach
	void sessionServiceBack() {
		SESSIONS.failing(false);
		this.breakers.circuitBreaker("session-service").reset();
	}

	@Test
	void signsInAndSetsAnHttpOnlyHostOnlyCookieFromTheSessionServiceSecret() {
		String email = uniqueEmail();
		String password = strongPassword();
		User user = newUser(email, password);

		HttpResponse<String> response = login(email.toUpperCase(), password);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(read(response).get("status").asString()).isEqualTo("AUTHENTICATED");
		assertThat(read(response).get("passwordChangeRequired").asBoolean()).isFalse();
		String cookie = response.headers().firstValue("Set-Cookie").orElseThrow();
		assertThat(cookie).startsWith("__Host-warden_session=")
			.contains("Path=/")
			.contains("HttpOnly")
			.contains("Secure")
			.contains("SameSite=Lax")
			.doesNotContain("Domain");
		assertThat(response.body()).doesNotContain(cookie.substring(22, 40));
		SessionServiceStub.Call created = lastCreate(user);
		assertThat(created.body()).contains("\"ip\":\"" + CLIENT_IP + "\"")
			.contains("\"userAgent\":\"" + FIREFOX + "\"")
			.contains("\"authMethods\":[\"pwd\"]")
			.contains("\"passwordChangeRequired\":false");
		JsonNode event = this.events.await(user.id().toString(), EventTypes.LOGIN_SUCCEEDED);
		assertThat(event.get("data").get("ip").asString()).isEqualTo(CLIENT_IP);
		assertThat(event.get("data").get("newDevice").asBoolean()).isTrue();
		assertThat(event.toString()).doesNotContain(password);
	}

	@Test
	void signingInWithoutTheGatewaysTokenIsRefused() {
		String email = uniqueEmail();
		String password = strongPassword();
		newUser(email, password);

		HttpResponse<String> direct = send("POST", "/api/auth/login", Map.of("email", email, "password", password),
				null);
		HttpResponse<String> mfa = send("POST", "/api/auth/login/mfa", Map.of("mfaToken", "x", "code", "123456"), null);

		assertThat(direct.statusCode()).isEqualTo(401);
		assertThat(direct.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(direct.body()).contains("\"code\":\"unauthenticated\"");
		assertThat(direct.headers().firstValue("Set-Cookie")).isEmpty();
		assertThat(mfa.statusCode()).isEqualTo(401);
	}

	@Test
	void theAddressRecordedIsTheOneInTheGatewaysTokenNeverAHeader() {
		String email = uniqueEmail();
		String password = strongPassword();
		User user = newUser(email, password);

		HttpResponse<String> response = sendRaw("POST", "/api/auth/login",
				this.json.writeValueAsString(Map.of("email", email, "password", password)),
				dev.warden.infra.test.TestJwts.shared().anonymous().clientIp("198.51.100.99").bearer(),
				Map.of("X-Warden-Client-Ip", "203.0.113.66", "X-Forwarded-For", "203.0.113.67"));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(lastCreate(user).body()).contains("\"ip\":\"198.51.100.99\"").doesNotContain("203.0.113.6");
		JsonNode event = this.events.await(user.id().toString(), EventTypes.LOGIN_SUCCEEDED);
		assertThat(event.get("data").get("ip").asString()).isEqualTo("198.51.100.99");
	}

	@Test
	void anAnonymousTokenActsForNobody() {
		HttpResponse<String> me = send("GET", "/api/me", null, signingIn());
		HttpResponse<String> logout = send("POST", "/api/auth/logout", null, signingIn());

		assertThat(me.statusCode()).isEqualTo(401);
		assertThat(me.body()).contains("\"code\":\"unauthenticated\"");
		assertThat(logout.statusCode()).isEqualTo(401);
	}

	@Test
	void aCompletedSignInEndsTheSessionTheBrowserStillPresentedButAFailedOneDoesNot() {
		String email = uniqueEmail();
		String password = strongPassword();
		User user = newUser(email, password);
		String replacing = dev.warden.infra.test.TestJwts.shared()
			.anonymous()
			.clientIp(CLIENT_IP)
			.replacing("someone-before", "oldSessionPublicId0001")
			.bearer();

		HttpResponse<String> failed = send("POST", "/api/auth/login", Map.of("email", email, "password", "wrong"),
				replacing);
		assertThat(failed.statusCode()).isEqualTo(401);
		assertThat(SESSIONS.calls("DELETE", "/internal/users/someone-before/sessions/oldSessionPublicId0001"))
			.as("a failed sign-in leaves the browser's session alone")
			.isEmpty();

		HttpResponse<String> signedIn = send("POST", "/api/auth/login", Map.of("email", email, "password", password),
				replacing);

		assertThat(signedIn.statusCode()).isEqualTo(200);
		assertThat(SESSIONS.calls("DELETE", "/internal/users/someone-before/sessions/oldSessionPublicId0001"))
			.singleElement()
			.satisfies((call) -> assertThat(call.uri()).contains("reason=logout"));
		assertThat(lastCreate(user).body()).contains(user.id().toString());
	}

	@Test
	void wrongPasswordAndUnknownEmailGetTheSameAnswer() {
		String email = uniqueEmail();
		newUser(email, strongPassword());

		HttpResponse<String> wrongPassword = login(email, strongPassword());
		HttpResponse<String> unknownEmail = login(uniqueEmail(), strongPassword());

		assertThat(wrongPassword.statusCode()).isEqualTo(401).isEqualTo(unknownEmail.statusCode());
		assertThat(wrongPassword.body()).isEqualTo(unknownEmail.body());
		assertThat(wrongPassword.body()).contains("\"code\":\"invalid_credentials\"");
		assertThat(wrongPassword.headers().firstValue("Set-Cookie")).isEmpty();
	}

	@Test
	void throttlesThenLocksTemporarilyWithRetryAfterAndForgetsAfterSuccess() {
		String email = uniqueEmail();
		String password = strongPassword();
		User user = newUser(email, password);

		for (int failure = 1; failure <= 3; failure++) {
			assertThat(login(email, "wrong " + failure).statusCode()).isEqualTo(401);
		}
		HttpResponse<String> throttled = login(email, password);
		assertThat(throttled.statusCode()).isEqualTo(429);
		assertThat(throttled.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(throttled.body()).contains("\"code\":\"login_throttled\"");

		this.clock.advance(Duration.ofSeconds(2));
		assertThat(login(email, "wrong 4").statusCode()).isEqualTo(401);
		this.clock.advance(Duration.ofSeconds(3));
		assertThat(login(email, "wrong 5").statusCode()).isEqualTo(401);

		HttpResponse<String> locked = login(email, password);
		assertThat(locked.statusCode()).isEqualTo(429);
		assertThat(locked.headers().firstValue("Retry-After")).hasValue("60");
		JsonNode lockedEvent = this.events.await(user.id().toString(), EventTypes.ACCOUNT_LOCKED);
		assertThat(lockedEvent.get("data").get("permanent").asBoolean()).isFalse();

		this.clock.advance(Duration.ofSeconds(61));
		assertThat(login(email, password).statusCode()).isEqualTo(200);
		assertThat(login(email, "wrong again").statusCode()).isEqualTo(401);
		assertThat(login(email, password).statusCode()).as("the count started again").isEqualTo(200);
		List<JsonNode> failures = org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> this.events.find(user.id().toString(), EventTypes.LOGIN_FAILED), (found) -> found.size() == 6);
		assertThat(failures.stream().map((event) -> event.get("data").get("failures").asLong()))
			.containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 1L);
	}

	@Test
	void aBurstOfWrongPasswordsJudgesNoMoreThanTheFirstWaitAllows() throws Exception {
		String email = uniqueEmail();
		String password = strongPassword();
		User user = newUser(email, password);

		List<java.util.concurrent.Callable<HttpResponse<String>>> burst = new java.util.ArrayList<>();
		for (int guess = 0; guess < 50; guess++) {
			String wrong = "guess " + guess;
			burst.add(() -> login(email, wrong));
		}
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(50);
		List<HttpResponse<String>> answers = new java.util.ArrayList<>();
		try {
			for (java.util.concurrent.Future<HttpResponse<String>> answer : pool.invokeAll(burst)) {
				answers.add(answer.get());
			}
		}
		finally {
			pool.shutdown();
		}

		long judged = answers.stream().filter((answer) -> answer.statusCode() == 401).count();
		assertThat(answers).allSatisfy((answer) -> assertThat(answer.statusCode()).isIn(401, 429));
		assertThat(judged).as("passwords judged (at most delay-after = 3, below lock-after = 5)").isBetween(1L, 3L);
		assertThat(answers.stream().filter((answer) -> answer.statusCode() == 429))
			.allSatisfy((answer) -> assertThat(answer.body()).contains("\"code\":\"login_throttled\""));
		List<JsonNode> failures = org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> this.events.find(user.id().toString(), EventTypes.LOGIN_FAILED),
					(found) -> found.size() == judged);
		assertThat(failures.stream().map((event) -> event.get("data").get("failures").asLong()))
			.doesNotHaveDuplicates();
		this.clock.advance(Duration.ofSeconds(5));
		assertThat(login(email, password).statusCode()).as("the owner signs in after the wait").isEqualTo(200);
	}

	@Test
	void failuresByAStrangerNeverLockTheOwnerOutBeyondTheTemporaryLock() {
		String email = uniqueEmail();
		String password = strongPassword();
		User user = newUser(email, password);

		for (int failure = 1; failure <= 40; failure++) {
			assertThat(login(email, "wrong " + failure).statusCode()).isEqualTo(401);
			this.clock.advance(Duration.ofMinutes(16));
		}

		assertThat(login(email, password).statusCode()).isEqualTo(200);
		assertThat(this.store.findById(user.id()).orElseThrow().status().name()).isEqualTo("ACTIVE");
		assertThat(this.events.find(user.id().toString(), EventTypes.ACCOUNT_LOCKED))
			.noneMatch((event) -> event.get("data").get("permanent").asBoolean());
	}

	@Test
	void aLockedAccountAnswersLikeAnUnknownAddressUntilAnAdministratorUnlocks() {
		String email = uniqueEmail();
		String password = strongPassword();
		User user = newUser(email, password);
		this.store.lock(user.id(), this.clock.instant());

		HttpResponse<String> locked = login(email, password);
		HttpResponse<String> unknown = login(uniqueEmail(), password);

		assertThat(locked.statusCode()).isEqualTo(401).isEqualTo(unknown.statusCode());
		assertThat(locked.body()).isEqualTo(unknown.body());
		User admin = this.store.findByEmail("root@example.test").orElseThrow();
		HttpResponse<String> unlock = send("POST", "/api/admin/users/" + user.id() + "/unlock", null, bearer(admin));
		assertThat(unlock.statusCode()).isEqualTo(204);
		assertThat(login(email, password).statusCode()).isEqualTo(200);
		assertThat(this.events.await(user.id().toString(), EventTypes.ACCOUNT_UNLOCKED)
			.get("data")
			.get("actorId")
			.asString()).isEqualTo(admin.id().toString());
	}

	@Test
	void unknownAddressesAreThrottledLikeKnownOnes() {
		String email = uniqueEmail();
		for (int failure = 1; failure <= 3; failure++) {
			login(email, "guess " + failure);
		}

		HttpResponse<String> throttled = login(email, "guess 4");

		assertThat(throttled.statusCode()).isEqualTo(429);
		assertThat(throttled.body()).contains("\"code\":\"login_throttled\"");
	}

	@Test
	@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
	void attemptsTheSecurityLogCannotHoldAreLoggedWithAFingerprintNotTheAddress(
			org.springframework.boot.test.system.CapturedOutput output) {
		String email = uniqueEmail();
		for (int attempt = 1; attempt <= 4; attempt++) {
			login(email, "guess " + attempt);
		}

		String fingerprint = PasswordCheck.fingerprint(email);
		assertThat(output.getAll())
			.contains("Password attempt for address " + fingerprint + " without an account from " + CLIENT_IP)
			.contains("Password attempt refused for address " + fingerprint + " from " + CLIENT_IP)
			.doesNotContain(email);
	}

	@Test
	void failsWithServiceUnavailableAndRecordsNoSuccessWhenSessionServiceIsDown() {
		String email = uniqueEmail();
		String password = strongPassword();
		User user = newUser(email, password);
		SESSIONS.failing(true);

		HttpResponse<String> response = login(email, password);

		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.body()).contains("\"code\":\"sessions_unavailable\"");
		assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
		assertThat(this.events.find(user.id().toString(), EventTypes.LOGIN_SUCCEEDED)).isEmpty();
	}

	@Test
	void opensTheBreakerSoADeadSessionServiceIsNotCalledForEveryLogin() {
		String email = uniqueEmail();
		String password = strongPassword();
		newUser(email, password);
		SESSIONS.failing(true);
		for (int attempt = 0; attempt < 6; attempt++) {
			login(email, password);
		}
		int callsWhileOpen = SESSIONS.calls("POST", "/internal/sessions").size();

		assertThat(login(email, password).statusCode()).isEqualTo(503);
		assertThat(SESSIONS.calls("POST", "/internal/sessions")).hasSize(callsWhileOpen);

		SESSIONS.failing(false);
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> login(email, password).statusCode() == 200);
	}

	@Test
	void rehashesAPasswordStoredWithWeakerParametersAtTheNextSignIn() {
		String email = uniqueEmail();
		String password = strongPassword();
		User user = newUser(email, password);
		String weak = "{argon2}" + new Argon2PasswordEncoder(16, 32, 1, 16_384, 2).encode(password);
		this.jdbc.update("update app_user set password_hash = ? where id = ?", weak, user.id());

		assertThat(login(email, password).statusCode()).isEqualTo(200);

		String rehashed = this.store.findById(user.id()).orElseThrow().passwordHash();
		assertThat(rehashed).startsWith("{argon2}$argon2id$v=19$m=19456,t=2,p=1$");
		assertThat(login(email, password).statusCode()).isEqualTo(200);
	}

	@Test
	void logoutEndsTheSessionClearsTheCookieAndIsRecorded() {
		String email = uniqueEmail();
		User user = newUser(email, strongPassword());

		HttpResponse<String> response = send("POST", "/api/auth/logout", null,
				bearer(user, "logoutSession000000001", java.time.Instant.now()));

		assertThat(response.statusCode()).isEqualTo(204);
		assertThat(response.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
		assertThat(SESSIONS.calls("DELETE", "/internal/users/" + user.id() + "/sessions/logoutSession000000001"))
			.hasSize(1);
		assertThat(this.events.await(user.id().toString(), EventTypes.LOGOUT).get("data").get("sessionId").asString())
			.isEqualTo("logoutSession000000001");
	}

	@Test
	void reauthenticationChecksThePasswordAndRenewsTheSession() {
		String email = uniqueEmail();
		String password = strongPassword();
		User user = newUser(email, password);
		String bearer = bearer(user, "reauthSession000000001", java.time.Instant.now().minus(Duration.ofHours(1)));

		HttpResponse<String> wrong = send("POST", "/api/auth/reauthenticate", Map.of("password", "nope"), bearer);
		HttpResponse<String> right = send("POST", "/api/auth/reauthenticate", Map.of("password", password), bearer);

		assertThat(wrong.statusCode()).isEqualTo(400);
		assertThat(wrong.body()).contains("\"field\":\"password\"").contains("\"code\":\"current_password_invalid\"");
		assertThat(right.statusCode()).isEqualTo(204);
		assertThat(right.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("__Host-warden_session=");
		List<SessionServiceStub.Call> renewals = SESSIONS.calls("POST",
				"/internal/users/" + user.id() + "/sessions/reauthSession000000001/renew");
		assertThat(renewals).hasSize(1);
		assertThat(renewals.get(0).body()).contains("\"reauthenticated\":true");
	}

	private SessionServiceStub.Call lastCreate(User user) {
		List<SessionServiceStub.Call> calls = SESSIONS.calls("POST", "/internal/sessions")
			.stream()
			.filter((call) -> call.body().contains(user.id().toString()))
			.toList();
		assertThat(calls).isNotEmpty();
		return calls.get(calls.size() - 1);
	}

}
