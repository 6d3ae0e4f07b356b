package dev.warden.auth.twofactor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.warden.auth.AuthIntegrationTest;
import dev.warden.auth.user.User;
import dev.warden.auth.user.UserStore;
import dev.warden.event.EventTypes;
import dev.warden.infra.test.TestRedis;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Two-factor authentication against real PostgreSQL, Redis and Kafka: set-up, sign-in,
 * recovery, turning off.
 */
class TwoFactorIT extends AuthIntegrationTest {

	@Autowired
	UserStore store;

	@Test
	void setsUpWithAQrCodeConfirmsWithACodeAndReturnsTenRecoveryCodes() {
		User user = newUser(uniqueEmail(), strongPassword());

		JsonNode setup = read(send("POST", "/api/security/two-factor/setup", null, bearer(user)));
		String secret = setup.get("secret").asString();

		assertThat(secret).matches("[A-Z2-7]{32}");
		assertThat(setup.get("otpauthUri").asString()).startsWith("otpauth://totp/Warden:")
			.contains("secret=" + secret)
			.contains("issuer=Warden")
			.contains("digits=6")
			.contains("period=30");
		assertThat(setup.get("qrCode").asString()).startsWith("data:image/png;base64,iVBOR");
		String stored = this.jdbc.queryForObject("select secret_encrypted from two_factor where user_id = ?",
				String.class, user.id());
		assertThat(stored).startsWith("k2.").doesNotContain(secret);
		assertThat(read(send("GET", "/api/security/two-factor", null, bearer(user))).get("enabled").asBoolean())
			.as("pending until confirmed")
			.isFalse();

		HttpResponse<String> confirmed = send("POST", "/api/security/two-factor/confirm",
				Map.of("code", codeFor(secret, 0)), bearer(user));

		assertThat(confirmed.statusCode()).isEqualTo(200);
		JsonNode codes = read(confirmed).get("recoveryCodes");
		assertThat(codes).hasSize(10);
		assertThat(codes.get(0).asString()).as("120 bits each").matches("[a-z2-9]{4}(-[a-z2-9]{4}){5}");
		JsonNode status = read(send("GET", "/api/security/two-factor", null, bearer(user)));
		assertThat(status.get("enabled").asBoolean()).isTrue();
		assertThat(status.get("recoveryCodesRemaining").asInt()).isEqualTo(10);
		assertThat(this.store.findById(user.id()).orElseThrow().twoFactorEnabled()).isTrue();
		JsonNode enabled = this.events.await(user.id().toString(), EventTypes.TWO_FACTOR_ENABLED);
		assertThat(enabled.toString()).doesNotContain(secret).doesNotContain(codes.get(0).asString());
	}

	@Test
	void signsInWithASecondStepAndRecordsBothMethods() {
		String email = uniqueEmail();
		String password = strongPassword();
		User user = newUser(email, password);
		String secret = enable(user).secret();

		HttpResponse<String> first = login(email, password);
		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(read(first).get("status").asString()).isEqualTo("MFA_REQUIRED");
		assertThat(first.headers().firstValue("Set-Cookie")).isEmpty();
		String mfaToken = read(first).get("mfaToken").asString();

		HttpResponse<String> second = send("POST", "/api/auth/login/mfa",
				Map.of("mfaToken", mfaToken, "code", codeFor(secret, 1)), signingIn());

		assertThat(second.statusCode()).isEqualTo(200);
		assertThat(read(second).get("status").asString()).isEqualTo("AUTHENTICATED");
		assertThat(second.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("__Host-warden_session=");
		JsonNode succeeded = this.events.await(user.id().toString(), EventTypes.LOGIN_SUCCEEDED);
		assertThat(succeeded.get("data").get("authMethods").toString()).isEqualTo("[\"pwd\",\"otp\"]");
		HttpResponse<String> again = send("POST", "/api/auth/login/mfa",
				Map.of("mfaToken", mfaToken, "code", codeFor(secret, 0)), signingIn());
		assertThat(again.statusCode()).as("single-use").isEqualTo(401);
		assertThat(again.body()).contains("\"code\":\"mfa_token_invalid\"");
	}

	@Test
	void acceptsACodeOnceAndNeverReplaysIt() {
		String email = uniqueEmail();
		String password = strongPassword();
		User user = newUser(email, password);
		Enabled enabled = enable(user);
		String code = codeFor(enabled.secret(), 0);

		HttpResponse<String> firstUse = secondStep(email, password, code);
		HttpResponse<String> replay = secondStep(email, password, code);

		assertThat(firstUse.statusCode()).isEqualTo(200);
		assertThat(replay.statusCode()).isEqualTo(400);
		assertThat(replay.body()).contains("\"code\":\"code_invalid\"");
	}

	@Test
	void fallsBackToRecoveryCodesEachUsableOnce() {
		String email = uniqueEmail();
		String password = strongPassword();
		User user = newUser(email, password);
		Enabled enabled = enable(user);
		String recovery = enabled.recoveryCodes().get(3);

		HttpResponse<String> used = secondStep(email, password, recovery.toUpperCase().replace("-", " "));
		HttpResponse<String> usedTwice = secondStep(email, password, recovery);

		assertThat(used.statusCode()).isEqualTo(200);
		assertThat(usedTwice.statusCode()).isEqualTo(400);
		JsonNode event = this.events.await(user.id().toString(), EventTypes.RECOVERY_CODE_USED);
		assertThat(event.get("data").get("remaining").asInt()).isEqualTo(9);
		assertThat(event.toString()).doesNotContain(recovery);
		assertThat(
				read(send("GET", "/api/security/two-factor", null, bearer(user))).get("recoveryCodesRemaining").asInt())
			.isEqualTo(9);
	}

	@Test
	void theSecondStepDiesAfterFiveWrongCodesAndEachWrongCodeIsRecorded() {
		String email = uniqueEmail();
		String password = strongPassword();
		User user = newUser(email, password);
		Enabled enabled = enable(user);
		String mfaToken = read(login(email, password)).get("mfaToken").asString();

		List<Integer> statuses = new ArrayList<>();
		for (int attempt = 0; attempt < 6; attempt++) {
			statuses
				.add(send("POST", "/api/auth/login/mfa", Map.of("mfaToken", mfaToken, "code", "000000"), signingIn())
					.statusCode());
			this.clock.advance(Duration.ofSeconds(20));
		}

		assertThat(statuses.subList(0, 5)).containsOnly(400);
		assertThat(statuses.get(5)).as("the token is gone").isEqualTo(401);
		assertThat(send("POST", "/api/auth/login/mfa",
				Map.of("mfaToken", mfaToken, "code", codeFor(enabled.secret(), 0)), signingIn())
			.statusCode()).isEqualTo(401);
		List<JsonNode> failures = org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> this.events.find(user.id().toString(), EventTypes.LOGIN_FAILED), (found) -> found.size() == 5);
		assertThat(failures)
			.allSatisfy((event) -> assertThat(event.get("data").get("reason").asString()).isEqualTo("wrong_code"));
		assertThat(secondStep(email, password, codeFor(enabled.secret(), 0)).statusCode())
			.as("five wrong codes do not lock the password or the codes")
			.isEqualTo(200);
	}

	/**
	 * The attacker knows the password: every sign-in opens a fresh challenge (as if from
	 * another address), and each challenge spends two wrong codes, all at once. The
	 * account's budget holds whatever the number of challenges: a burst judges at most
	 * three codes, ten in all before codes are refused, and the owner is told.
	 */
	@Test
	void wrongCodesAreBudgetedPerAccountWhateverTheNumberOfChallengesAndTheOwnerIsTold() throws Exception {
		String email = uniqueEmail();
		String password = strongPassword();
		User user = newUser(email, password);
		Enabled enabled = enable(user);
		List<String> challenges = new ArrayList<>();
		for (int challenge = 0; challenge < 30; challenge++) {
			challenges.add(read(login(email, password)).get("mfaToken").asString());
		}

		List<java.util.concurrent.Callable<Integer>> burst = new ArrayList<>();
		for (String challenge : challenges) {
			for (int code = 0; code < 2; code++) {
				burst.add(() -> send("POST", "/api/auth/login/mfa", Map.of("mfaToken", challenge, "code", "000000"),
						signingIn())
					.statusCode());
			}
		}
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(20);
		List<Integer> statuses = new ArrayList<>();
		try {
			for (java.util.concurrent.Future<Integer> answer : pool.invokeAll(burst)) {
				statuses.add(answer.get());
			}
		}
		finally {
			pool.shutdown();
		}
		long judged = statuses.stream().filter((status) -> status == 400).count();
		assertThat(statuses).containsOnly(400, 429);
		assertThat(judged).as("a burst judges at most three codes").isBetween(1L, 3L);

		// Then one at a time, each after the wait the last one imposed, until the budget
		// is spent.
		int challenge = 0;
		HttpResponse<String> answer;
		do {
			this.clock.advance(Duration.ofMinutes(2));
			String token = read(login(email, password)).get("mfaToken").asString();
			answer = send("POST", "/api/auth/login/mfa", Map.of("mfaToken", token, "code", "000000"), signingIn());
			if (answer.statusCode() == 400) {
				judged++;
			}
		}
		while (answer.statusCode() == 400 && ++challenge < 20);

		assertThat(judged).as("wrong codes judged in all").isEqualTo(10);
		assertThat(answer.statusCode()).isEqualTo(429);
		assertThat(answer.body()).contains("\"code\":\"second_factor_throttled\"");
		assertThat(Long.parseLong(answer.headers().firstValue("Retry-After").orElseThrow()))
			.as("refused for about 15 minutes from the tenth wrong code")
			.isBetween(600L, 900L);
		assertThat(secondStep(email, password, codeFor(enabled.secret(), 0)).statusCode())
			.as("while refused, even the right code is not judged")
			.isEqualTo(429);
		JsonNode told = this.events.await(user.id().toString(), EventTypes.SECOND_FACTOR_FAILED);
		assertThat(told.get("data").get("failures").asInt()).isEqualTo(10);
		assertThat(told.get("data").get("email").asString()).isEqualTo(email);
		assertThat(told.get("data").get("refusedUntil").asString()).isNotBlank();

		this.clock.advance(Duration.ofMinutes(16));
		assertThat(secondStep(email, password, codeFor(enabled.secret(), 0)).statusCode())
			.as("the owner signs in after the wait")
			.isEqualTo(200);
		this.clock.advance(Duration.ofSeconds(30));
		assertThat(secondStep(email, password, "000000").statusCode()).isEqualTo(400);
		assertThat(secondStep(email, password, "000000").statusCode())
			.as("a completed sign-in started the budget again")
			.isEqualTo(400);
		assertThat(this.events.find(user.id().toString(), EventTypes.SECOND_FACTOR_FAILED)).hasSize(1);
	}

	@Test
	void anExpiredSecondStepMustStartOver() {
		String email = uniqueEmail();
		String password = strongPassword();
		User user = newUser(email, password);
		Enabled enabled = enable(user);
		String mfaToken = read(login(email, password)).get("mfaToken").asString();
		// The token lives in Redis for five minutes; expire it as time would (listing
		// keys is no service's right).
		StringRedisTemplate redis = TestRedis.unrestricted();
		redis.keys("warden:auth:mfa:*").forEach((key) -> redis.expire(key, Duration.ofMillis(1)));
		sleepBriefly();

		HttpResponse<String> late = send("POST", "/api/auth/login/mfa",
				Map.of("mfaToken", mfaToken, "code", codeFor(enabled.secret(), 0)), signingIn());

		assertThat(late.statusCode()).isEqualTo(401);
		assertThat(late.body()).contains("\"code\":\"mfa_token_invalid\"");
	}

	@Test
	void newRecoveryCodesKillTheOldSetAndDisablingNeedsPasswordAndCode() {
		String email = uniqueEmail();
		String password = strongPassword();
		User user = newUser(email, password);
		Enabled enabled = enable(user);

		HttpResponse<String> regenerated = send("POST", "/api/security/two-factor/recovery-codes",
				Map.of("code", codeFor(enabled.secret(), 1)), bearer(user));
		assertThat(regenerated.statusCode()).isEqualTo(200);
		assertThat(secondStep(email, password, enabled.recoveryCodes().get(0)).statusCode()).as("old set dead")
			.isEqualTo(400);
		this.events.await(user.id().toString(), EventTypes.RECOVERY_CODES_REGENERATED);

		HttpResponse<String> wrongPassword = send("POST", "/api/security/two-factor/disable",
				Map.of("password", "not it", "code", codeFor(enabled.secret(), 0)), bearer(user));
		assertThat(wrongPassword.statusCode()).isEqualTo(400);
		assertThat(wrongPassword.body()).contains("\"code\":\"current_password_invalid\"");
		this.clock.advance(Duration.ofSeconds(30));
		HttpResponse<String> disabled = send("POST", "/api/security/two-factor/disable",
				Map.of("password", password, "code", codeFor(enabled.secret(), 1)), bearer(user));
		assertThat(disabled.statusCode()).isEqualTo(204);
		assertThat(read(login(email, password)).get("status").asString()).isEqualTo("AUTHENTICATED");
		assertThat(
				this.jdbc.queryForObject("select count(*) from two_factor where user_id = ?", Integer.class, user.id()))
			.isZero();
		this.events.await(user.id().toString(), EventTypes.TWO_FACTOR_DISABLED);
	}

	@Test
	void changesNeedARecentSignInAndASessionAndAnActiveSetupCannotBeReplaced() {
		User user = newUser(uniqueEmail(), strongPassword());
		String stale = bearer(user, "staleSession0000000001", Instant.now().minus(Duration.ofHours(1)));
		String token = dev.warden.infra.test.TestJwts.shared()
			.forUser(user.id().toString())
			.roles("USER")
			.apiToken("t1")
			.amr("token")
			.bearer();

		HttpResponse<String> staleSetup = send("POST", "/api/security/two-factor/setup", null, stale);
		HttpResponse<String> tokenSetup = send("POST", "/api/security/two-factor/setup", null, token);
		HttpResponse<String> confirmFirst = send("POST", "/api/security/two-factor/confirm", Map.of("code", "123456"),
				bearer(user));
		enable(user);
		HttpResponse<String> replace = send("POST", "/api/security/two-factor/setup", null, bearer(user));

		assertThat(staleSetup.statusCode()).isEqualTo(403);
		assertThat(staleSetup.body()).contains("\"code\":\"reauthentication_required\"");
		assertThat(tokenSetup.statusCode()).isEqualTo(403);
		assertThat(confirmFirst.statusCode()).isEqualTo(409);
		assertThat(replace.statusCode()).isEqualTo(409);
		assertThat(replace.body()).contains("\"code\":\"two_factor_already_enabled\"");
	}

	@Test
	void aRecentSignInIsProofEnoughForNewRecoveryCodesAndThePasswordWithACodeForTurningItOff() {
		String password = strongPassword();
		User user = newUser(uniqueEmail(), password);
		Enabled enabled = enable(user);
		String stale = bearer(user, "staleSession0000000002", Instant.now().minus(Duration.ofHours(1)));

		HttpResponse<String> staleCodes = send("POST", "/api/security/two-factor/recovery-codes", Map.of(), stale);
		HttpResponse<String> recentCodes = send("POST", "/api/security/two-factor/recovery-codes", Map.of(),
				bearer(user));
		HttpResponse<String> wrongCode = send("POST", "/api/security/two-factor/recovery-codes",
				Map.of("code", "000000"), bearer(user));
		this.clock.advance(Duration.ofSeconds(30));
		HttpResponse<String> staleDisable = send("POST", "/api/security/two-factor/disable",
				Map.of("password", password, "code", codeFor(enabled.secret(), 0)), stale);

		assertThat(staleCodes.statusCode()).isEqualTo(403);
		assertThat(staleCodes.body()).contains("\"code\":\"reauthentication_required\"");
		assertThat(recentCodes.statusCode()).isEqualTo(200);
		assertThat(read(recentCodes).get("recoveryCodes")).hasSize(10);
		assertThat(wrongCode.statusCode()).as("a code that is sent is checked").isEqualTo(400);
		assertThat(staleDisable.statusCode()).as("the password and a code are the re-authentication").isEqualTo(204);
	}

	@Test
	void withTwoFactorOnReauthenticationNeedsThePasswordAndACode() {
		String password = strongPassword();
		User user = newUser(uniqueEmail(), password);
		Enabled enabled = enable(user);
		String session = bearer(user, "reauthCode000000000001", Instant.now());

		HttpResponse<String> codeOnly = send("POST", "/api/auth/reauthenticate",
				Map.of("code", codeFor(enabled.secret(), 1)), session);
		HttpResponse<String> passwordOnly = send("POST", "/api/auth/reauthenticate", Map.of("password", password),
				session);
		HttpResponse<String> both = send("POST", "/api/auth/reauthenticate",
				Map.of("password", password, "code", codeFor(enabled.secret(), 1)), session);

		assertThat(codeOnly.statusCode()).isEqualTo(400);
		assertThat(codeOnly.body()).contains("\"field\":\"password\"").contains("\"code\":\"required\"");
		assertThat(passwordOnly.statusCode()).isEqualTo(400);
		assertThat(passwordOnly.body()).contains("\"field\":\"code\"");
		assertThat(both.statusCode()).isEqualTo(204);
		assertThat(both.headers().firstValue("Set-Cookie")).isPresent();
	}

	@Test
	void badInputIsAProblem() {
		User user = newUser(uniqueEmail(), strongPassword());
		for (String body : new String[] { "{}", "{\"code\":\"\"}", "{\"code\":12}", "not json",
				"{\"code\":\"" + "9".repeat(100) + "\"}" }) {
			HttpResponse<String> response = sendRaw("POST", "/api/security/two-factor/confirm", body, bearer(user));
			assertThat(response.statusCode()).as(body).isIn(400, 409);
			assertThat(response.body()).as(body).contains("\"code\":");
		}
		HttpResponse<String> mfa = sendRaw("POST", "/api/auth/login/mfa", "{\"mfaToken\":\"x\"}", signingIn());
		assertThat(mfa.statusCode()).isEqualTo(400);
	}

	private HttpResponse<String> secondStep(String email, String password, String code) {
		String mfaToken = read(login(email, password)).get("mfaToken").asString();
		return send("POST", "/api/auth/login/mfa", Map.of("mfaToken", mfaToken, "code", code), signingIn());
	}

	private Enabled enable(User user) {
		String secret = read(send("POST", "/api/security/two-factor/setup", null, bearer(user))).get("secret")
			.asString();
		JsonNode codes = read(
				send("POST", "/api/security/two-factor/confirm", Map.of("code", codeFor(secret, -1)), bearer(user)))
			.get("recoveryCodes");
		List<String> recovery = new ArrayList<>();
		codes.forEach((code) -> recovery.add(code.asString()));
		return new Enabled(secret, recovery);
	}

	/**
	 * The code an authenticator app shows, {@code offset} steps from the service's clock.
	 */
	private String codeFor(String base32, int offset) {
		return Totp.code(new Base32().decode(base32), Totp.step(this.clock.instant()) + offset);
	}

	private static void sleepBriefly() {
		try {
			Thread.sleep(50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	record Enabled(String secret, List<String> recoveryCodes) {
	}

}
