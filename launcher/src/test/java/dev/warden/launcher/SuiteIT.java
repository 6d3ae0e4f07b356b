package dev.warden.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import dev.warden.infra.test.TestJwts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole suite, each service in its own JVM on real embedded infrastructure, as
 * {@code ./run-local.sh} runs it: every service becomes ready, the gateway is the only
 * door, and one event travels end to end from auth-service's outbox through Kafka into
 * the security log and to notification-service.
 */
class SuiteIT {

	static final String ADMIN_EMAIL = SharedSuite.ADMIN_EMAIL;

	static final String ADMIN_PASSWORD = SharedSuite.ADMIN_PASSWORD;

	static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
			+ "Chrome/120.0.0.0 Safari/537.36";

	static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0";

	static LocalSuite suite;

	static TestJwts gatewayKey;

	final HttpClient http = TestHttp.client();

	@BeforeAll
	static void startSuite() {
		suite = SharedSuite.get();
		gatewayKey = SharedSuite.gatewayKey();
	}

	@Test
	void everyServiceIsHealthyAndExposesPrometheusMetricsOnItsManagementPortOnly() throws Exception {
		for (WardenService service : WardenService.values()) {
			HttpResponse<String> health = get(suite.managementUrl(service) + "/actuator/health", null);
			assertThat(health.statusCode()).as(service.module()).isEqualTo(200);
			assertThat(health.body()).as(service.module()).contains("\"status\":\"UP\"");
			HttpResponse<String> metrics = get(suite.managementUrl(service) + "/actuator/prometheus", null);
			assertThat(metrics.statusCode()).as(service.module()).isEqualTo(200);
			assertThat(metrics.body()).as(service.module()).contains("jvm_memory_used_bytes");
			for (String path : java.util.List.of("/actuator/health", "/actuator/prometheus")) {
				HttpResponse<String> refused = get(suite.url(service) + path, null);
				assertThat(refused.statusCode()).as(service.module() + path).isEqualTo(404);
				assertThat(refused.body()).as(service.module() + path)
					.contains("\"code\":\"not_found\"")
					.doesNotContain("\"status\":\"UP\"");
			}
		}
	}

	@Test
	void bootstrapAdministratorReachesTheSecurityLogEndToEnd() throws Exception {
		String admin = gatewayKey.forUser("test-admin").roles("USER", "ADMIN").audience("audit-service").bearer();
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
		assertThat(eventId).hasSize(36);
	}

	@Test
	void servicesTrustOnlyTheGatewaysKeyPublishedAtItsJwks() throws Exception {
		String url = suite.url(WardenService.AUDIT) + "/api/admin/security-log";

		HttpResponse<String> withoutToken = get(url, null);
		HttpResponse<String> foreignKey = get(url,
				TestJwts.untrusted().forUser("x").roles("ADMIN").audience("audit-service").bearer());
		HttpResponse<String> gatewaysKey = get(url,
				gatewayKey.forUser("x").roles("ADMIN").audience("audit-service").bearer());

		assertThat(withoutToken.statusCode()).isEqualTo(401);
		assertThat(withoutToken.body()).contains("\"code\":\"unauthenticated\"");
		assertThat(foreignKey.statusCode()).isEqualTo(401);
		assertThat(gatewaysKey.statusCode()).isEqualTo(200);
	}

	@Test
	void aClientCannotSmuggleAnIdentityThroughTheGateway() throws Exception {
		String forged = gatewayKey.forUser("x").roles("ADMIN").audience("audit-service").bearer();

		HttpResponse<String> response = get(suite.url(WardenService.GATEWAY) + "/api/admin/security-log", forged);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void activeSessionsWorkThroughTheGatewayAndEndedSessionsAreRefusedEverywhereAtOnce() throws Exception {
		String user = "user-" + java.util.UUID.randomUUID();
		String laptop = signIn(user, CHROME);
		String other = signIn(user, FIREFOX);
		String gateway = suite.url(WardenService.GATEWAY);
		assertThat(withCookie("GET", gateway + "/api/security/sessions", other).statusCode())
			.as("other device works, and is cached")
			.isEqualTo(200);

		HttpResponse<String> list = withCookie("GET", gateway + "/api/security/sessions", laptop);
		HttpResponse<String> ended = withCookie("POST", gateway + "/api/security/sessions/end-others", laptop);

		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.body()).contains("\"browser\":\"Chrome 120\"")
			.contains("\"browser\":\"Firefox 121\"")
			.contains("\"current\":true");
		assertThat(ended.statusCode()).isEqualTo(200);
		assertThat(ended.body()).isEqualTo("{\"ended\":1}");
		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		int status = 0;
		while (System.nanoTime() < deadline && status != 401) {
			status = withCookie("GET", gateway + "/api/security/sessions", other).statusCode();
			Thread.sleep(50);
		}
		assertThat(status).as("the ended session is refused well before the 120 s cache expiry").isEqualTo(401);
		assertThat(withCookie("GET", gateway + "/api/security/sessions", laptop).statusCode()).isEqualTo(200);
	}

	@Test
	void aNewUserSignsInChangesTheTemporaryPasswordAndIsSignedOutElsewhere() throws Exception {
		String gateway = suite.url(WardenService.GATEWAY);
		String admin = cookieOf(login(ADMIN_EMAIL, ADMIN_PASSWORD, CHROME));
		String email = "new.user." + java.util.UUID.randomUUID().toString().substring(0, 8) + "@example.test";
		String temporary = "temporary " + RandomSecrets.generate(16);
		HttpResponse<String> created = withCookie("POST", gateway + "/api/admin/users", admin, "{\"email\":\"" + email
				+ "\",\"displayName\":\"Quinn Tester\",\"roles\":[\"USER\"]," + "\"password\":\"" + temporary + "\"}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

		HttpResponse<String> laptopLogin = login(email, temporary, CHROME);
		String laptop = cookieOf(laptopLogin);
		String phone = cookieOf(login(email, temporary, FIREFOX));
		assertThat(laptopLogin.body()).contains("\"passwordChangeRequired\":true");
		assertThat(laptopLogin.headers().firstValue("Set-Cookie").orElseThrow()).contains("HttpOnly")
			.contains("SameSite=Lax");
		HttpResponse<String> blocked = withCookie("GET", gateway + "/api/security/sessions", laptop, null);
		assertThat(blocked.statusCode()).isEqualTo(403);
		assertThat(blocked.body()).contains("\"code\":\"password_change_required\"");

		String fresh = "fresh " + RandomSecrets.generate(16) + " passphrase";
		HttpResponse<String> changed = withCookie("POST", gateway + "/api/security/password", laptop,
				"{\"currentPassword\":\"" + temporary + "\",\"newPassword\":\"" + fresh + "\",\"confirmPassword\":\""
						+ fresh + "\"}");
		assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);
		String renewed = cookieOf(changed);

		HttpResponse<String> me = withCookie("GET", gateway + "/api/me", renewed, null);
		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(me.body()).contains("\"email\":\"" + email + "\"").contains("\"passwordChangeRequired\":false");
		assertThat(awaitStatus(gateway + "/api/me", phone, 401)).as("the other device is signed out").isEqualTo(401);
		assertThat(awaitStatus(gateway + "/api/me", laptop, 401)).as("the pre-change cookie is dead").isEqualTo(401);
		assertThat(login(email, temporary, CHROME).statusCode()).isEqualTo(401);
		assertThat(login(email, fresh, CHROME).body()).contains("\"passwordChangeRequired\":false");
		assertThat(awaitMails(email, "Users - Your system password has been changed")).as("exactly one e-mail")
			.isEqualTo(1);
		String freshCookie = cookieOf(login(email, fresh, CHROME));
		long logDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		String log = "";
		while (System.nanoTime() < logDeadline && !log.contains("\"type\":\"warden.password.changed\"")) {
			log = withCookie("GET", gateway + "/api/security/log?type=warden.password.changed", freshCookie, null)
				.body();
			Thread.sleep(200);
		}
		assertThat(log).as("the change is in the user's own security log")
			.contains("\"summary\":\"Password changed from");

		HttpResponse<String> logout = withCookie("POST", gateway + "/api/auth/logout", renewed, null);
		assertThat(logout.statusCode()).isEqualTo(204);
		assertThat(awaitStatus(gateway + "/api/me", renewed, 401)).isEqualTo(401);
	}

	@Test
	void anApiTokenWorksThroughTheGatewayUntilRevokedButNeverOnSecuritySettings() throws Exception {
		String gateway = suite.url(WardenService.GATEWAY);
		String admin = cookieOf(login(ADMIN_EMAIL, ADMIN_PASSWORD, CHROME));
		HttpResponse<String> created = withCookie("POST", gateway + "/api/security/tokens", admin,
				"{\"name\":\"suite script\",\"validityMonths\":1,\"role\":\"USER\"}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String token = created.body().replaceAll(".*\"token\":\"(wdn_[0-9A-Za-z]+)\".*", "$1");
		String id = created.body().replaceAll(".*\"id\":\"([0-9a-f-]{36})\".*", "$1");

		HttpResponse<String> me = withToken(gateway + "/api/me", token);
		HttpResponse<String> settings = withToken(gateway + "/api/security/sessions", token);
		HttpResponse<String> listed = withCookie("GET", gateway + "/api/security/tokens", admin, null);

		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(me.body()).contains(ADMIN_EMAIL)
			.contains("\"authenticatedBy\":[\"token\"]")
			.contains("\"roles\":[\"USER\"]");
		assertThat(settings.statusCode()).isEqualTo(403);
		assertThat(settings.body()).contains("\"code\":\"session_required\"");
		assertThat(listed.body()).contains("\"name\":\"suite script\"").doesNotContain(token);

		assertThat(withCookie("DELETE", gateway + "/api/security/tokens/" + id, admin, null).statusCode())
			.isEqualTo(204);
		HttpResponse<String> after = awaitTokenRefused(gateway, token);
		assertThat(after.body()).contains("\"code\":\"token_revoked\"");
	}

	@Test
	void aTokenReportedExposedByAnyoneStopsAtTheGatewayAndItsOwnerIsMailed() throws Exception {
		String gateway = suite.url(WardenService.GATEWAY);
		String email = "leaky." + java.util.UUID.randomUUID().toString().substring(0, 8) + "@example.test";
		String password = "harbour " + RandomSecrets.generate(16) + " passphrase";
		createUser(email, password);
		String session = cookieOf(login(email, password, CHROME));
		HttpResponse<String> created = withCookie("POST", gateway + "/api/security/tokens", session,
				"{\"name\":\"pasted in a gist\",\"validityMonths\":1,\"role\":\"USER\"}");
		String token = created.body().replaceAll(".*\"token\":\"(wdn_[0-9A-Za-z]+)\".*", "$1");
		assertThat(withToken(gateway + "/api/me", token).statusCode()).isEqualTo(200);

		// A secret scanner: no credential of its own.
		HttpResponse<String> reported = this.http
			.send(HttpRequest.newBuilder(URI.create(gateway + "/api/tokens/revocations"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("[\"" + token + "\"]"))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(reported.statusCode()).as(reported.body()).isEqualTo(202);
		awaitTokenRefused(gateway, token);
		assertThat(awaitMails(email, "Your API token was found exposed and revoked")).isEqualTo(1);
	}

	@Test
	void anAdministratorSeesHowManySessionsAndTokensAUserHasAsTheirOwnServicesCountThem() throws Exception {
		String gateway = suite.url(WardenService.GATEWAY);
		String email = "tally." + java.util.UUID.randomUUID().toString().substring(0, 8) + "@example.test";
		String password = "harbour " + RandomSecrets.generate(16) + " passphrase";
		createUser(email, password);
		String laptop = cookieOf(login(email, password, CHROME));
		cookieOf(login(email, password, FIREFOX));
		String kept = "{\"name\":\"kept\",\"validityMonths\":1,\"role\":\"USER\"}";
		assertThat(withCookie("POST", gateway + "/api/security/tokens", laptop, kept).statusCode()).isEqualTo(201);
		HttpResponse<String> revoked = withCookie("POST", gateway + "/api/security/tokens", laptop,
				kept.replace("kept", "revoked"));
		String revokedId = revoked.body().replaceAll(".*\"id\":\"([0-9a-f-]{36})\".*", "$1");
		assertThat(withCookie("DELETE", gateway + "/api/security/tokens/" + revokedId, laptop, null).statusCode())
			.isEqualTo(204);
		String userId = withCookie("GET", gateway + "/api/me", laptop, null).body()
			.replaceAll(".*\"id\":\"([0-9a-f-]{36})\".*", "$1");

		String admin = cookieOf(login(ADMIN_EMAIL, ADMIN_PASSWORD, CHROME));
		HttpResponse<String> detail = withCookie("GET", gateway + "/api/admin/users/" + userId, admin, null);

		assertThat(detail.statusCode()).as(detail.body()).isEqualTo(200);
		assertThat(detail.body()).contains("\"email\":\"" + email + "\"")
			.as("two devices signed in; one token working, one revoked")
			.contains("\"activeSessions\":2")
			.contains("\"activeTokens\":1");
	}

	@Test
	void twoFactorIsSetUpUsedRecoveredAndTurnedOffThroughTheGateway() throws Exception {
		String gateway = suite.url(WardenService.GATEWAY);
		String email = "two.factor." + java.util.UUID.randomUUID().toString().substring(0, 8) + "@example.test";
		String password = "steady " + RandomSecrets.generate(16) + " harbour";
		createUser(email, password);
		String session = cookieOf(login(email, password, CHROME));

		HttpResponse<String> setup = withCookie("POST", gateway + "/api/security/two-factor/setup", session, null);
		assertThat(setup.statusCode()).as(setup.body()).isEqualTo(200);
		String secret = setup.body().replaceAll(".*\"secret\":\"([A-Z2-7]+)\".*", "$1");
		HttpResponse<String> confirmed = withCookie("POST", gateway + "/api/security/two-factor/confirm", session,
				"{\"code\":\"" + totp(secret, -1) + "\"}");
		assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
		String recovery = confirmed.body().replaceAll(".*\"recoveryCodes\":\\[\"([a-z0-9-]+)\".*", "$1");

		HttpResponse<String> first = login(email, password, FIREFOX);
		assertThat(first.body()).contains("\"status\":\"MFA_REQUIRED\"");
		HttpResponse<String> withCode = secondStep(first, totp(secret, 0));
		assertThat(withCode.statusCode()).as(withCode.body()).isEqualTo(200);
		HttpResponse<String> withRecovery = secondStep(login(email, password, FIREFOX), recovery);
		assertThat(withRecovery.statusCode()).as(withRecovery.body()).isEqualTo(200);
		String phone = cookieOf(withRecovery);
		assertThat(withCookie("GET", gateway + "/api/me", phone, null).body()).contains("\"twoFactorEnabled\":true")
			.contains("\"authenticatedBy\":[\"pwd\",\"otp\"]");

		HttpResponse<String> disabled = withCookie("POST", gateway + "/api/security/two-factor/disable", phone,
				"{\"password\":\"" + password + "\",\"code\":\"" + totp(secret, 1) + "\"}");
		assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(204);
		assertThat(login(email, password, CHROME).body()).contains("\"status\":\"AUTHENTICATED\"");
	}

	@Test
	void whenThePolicyRequiresTwoFactorAUserWithoutItReachesOnlyTheSetUpUntilItIsOn() throws Exception {
		String gateway = suite.url(WardenService.GATEWAY);
		String email = "required.two.factor." + java.util.UUID.randomUUID().toString().substring(0, 8)
				+ "@example.test";
		String password = "orchard " + RandomSecrets.generate(16) + " lantern";
		createUser(email, password);
		// Signed in before the policy changes, so the administrator's own session is not
		// held to the set-up.
		String admin = cookieOf(login(ADMIN_EMAIL, ADMIN_PASSWORD, CHROME));
		SharedSuite.requireTwoFactorOf(admin, "[\"USER\"]");
		try {
			HttpResponse<String> signedIn = login(email, password, CHROME);
			assertThat(signedIn.body()).contains("\"status\":\"AUTHENTICATED\"")
				.contains("\"twoFactorSetupRequired\":true");
			String held = cookieOf(signedIn);
			HttpResponse<String> refused = withCookie("GET", gateway + "/api/security/sessions", held, null);
			assertThat(refused.statusCode()).isEqualTo(403);
			assertThat(refused.body()).contains("\"code\":\"two_factor_setup_required\"");
			assertThat(withCookie("GET", gateway + "/api/me", held, null).body())
				.contains("\"twoFactorSetupRequired\":true");

			HttpResponse<String> setup = withCookie("POST", gateway + "/api/security/two-factor/setup", held, null);
			assertThat(setup.statusCode()).as(setup.body()).isEqualTo(200);
			String secret = setup.body().replaceAll(".*\"secret\":\"([A-Z2-7]+)\".*", "$1");
			HttpResponse<String> confirmed = withCookie("POST", gateway + "/api/security/two-factor/confirm", held,
					"{\"code\":\"" + totp(secret, 0) + "\"}");
			assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
			String released = cookieOf(confirmed);

			for (String path : java.util.List.of("/api/security/sessions", "/api/security/tokens",
					"/api/security/log")) {
				assertThat(withCookie("GET", gateway + path, released, null).statusCode()).as(path).isEqualTo(200);
			}
			assertThat(withCookie("GET", gateway + "/api/me", released, null).body())
				.contains("\"twoFactorSetupRequired\":false")
				.contains("\"twoFactorEnabled\":true");
			assertThat(awaitStatus(gateway + "/api/me", held, 401)).as("the held cookie is over").isEqualTo(401);
			HttpResponse<String> disable = withCookie("POST", gateway + "/api/security/two-factor/disable", released,
					"{\"password\":\"" + password + "\",\"code\":\"" + totp(secret, 1) + "\"}");
			assertThat(disable.statusCode()).isEqualTo(409);
			assertThat(disable.body()).contains("\"code\":\"two_factor_required\"");
		}
		finally {
			SharedSuite.requireTwoFactorOf(admin, "[]");
		}
	}

	@Test
	void everyStateChangeOfTheSuiteReachesTheUsersOwnSecurityLog() throws Exception {
		String gateway = suite.url(WardenService.GATEWAY);
		String email = "log.sweep." + java.util.UUID.randomUUID().toString().substring(0, 8) + "@example.test";
		String password = "quiet " + RandomSecrets.generate(16) + " meadow";
		createUser(email, password);
		assertThat(login(email, "not the password at all", CHROME).statusCode()).isEqualTo(401);
		String laptop = cookieOf(login(email, password, CHROME));
		String phone = cookieOf(login(email, password, FIREFOX));
		assertThat(withCookie("PUT", gateway + "/api/me/locale", laptop, "{\"locale\":\"de\"}").statusCode())
			.isEqualTo(204);

		assertThat(withCookie("POST", gateway + "/api/security/password", laptop,
				"{\"currentPassword\":\"wrong\"," + "\"newPassword\":\"x\",\"confirmPassword\":\"x\"}")
			.statusCode()).isEqualTo(400);
		String newPassword = "brighter " + RandomSecrets.generate(16) + " morning";
		HttpResponse<String> changed = withCookie("POST", gateway + "/api/security/password", laptop,
				"{\"currentPassword\":\"" + password + "\",\"newPassword\":\"" + newPassword
						+ "\",\"confirmPassword\":\"" + newPassword + "\"}");
		assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);
		laptop = cookieOf(changed);
		phone = cookieOf(login(email, newPassword, FIREFOX));

		HttpResponse<String> token = withCookie("POST", gateway + "/api/security/tokens", laptop,
				"{\"name\":\"sweep\",\"validityMonths\":3,\"role\":\"USER\"}");
		assertThat(token.statusCode()).as(token.body()).isEqualTo(201);
		String tokenId = token.body().replaceAll(".*\"id\":\"([0-9a-f-]{36})\".*", "$1");
		assertThat(withCookie("DELETE", gateway + "/api/security/tokens/" + tokenId, laptop, null).statusCode())
			.isEqualTo(204);

		String secret = withCookie("POST", gateway + "/api/security/two-factor/setup", laptop, null).body()
			.replaceAll(".*\"secret\":\"([A-Z2-7]+)\".*", "$1");
		HttpResponse<String> confirmed = withCookie("POST", gateway + "/api/security/two-factor/confirm", laptop,
				"{\"code\":\"" + totp(secret, -1) + "\"}");
		assertThat(confirmed.statusCode()).isEqualTo(200);
		laptop = cookieOf(confirmed); // renewed: turning two-factor on gives the session
										// a new cookie
		HttpResponse<String> regenerated = withCookie("POST", gateway + "/api/security/two-factor/recovery-codes",
				laptop, "{\"code\":\"" + totp(secret, 0) + "\"}");
		assertThat(regenerated.statusCode()).as(regenerated.body()).isEqualTo(200);
		String recovery = regenerated.body().replaceAll(".*\"recoveryCodes\":\\[\"([a-z0-9-]+)\".*", "$1");
		assertThat(secondStep(login(email, newPassword, FIREFOX), recovery).statusCode()).isEqualTo(200);
		assertThat(withCookie("POST", gateway + "/api/security/two-factor/disable", laptop,
				"{\"password\":\"" + newPassword + "\",\"code\":\"" + totp(secret, 1) + "\"}")
			.statusCode()).isEqualTo(204);

		HttpResponse<String> endOthers = withCookie("POST", gateway + "/api/security/sessions/end-others", laptop,
				null);
		assertThat(endOthers.statusCode()).as(endOthers.body()).isIn(200, 204);
		assertThat(withCookie("POST", gateway + "/api/auth/logout", phone, null).statusCode()).isIn(204, 401);
		String reader = cookieOf(login(email, newPassword, CHROME));
		assertThat(withCookie("POST", gateway + "/api/auth/logout", laptop, null).statusCode()).isEqualTo(204);

		java.util.List<String> expected = java.util.List.of("user.created", "user.updated", "login.failed",
				"login.succeeded", "session.created", "password.change-failed", "password.changed", "session.renewed",
				"token.created", "token.revoked", "two-factor.enabled", "two-factor.recovery-codes.regenerated",
				"two-factor.recovery-code.used", "two-factor.disabled", "session.revoked", "logout");
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		String log = "";
		java.util.List<String> missing = expected;
		while (System.nanoTime() < deadline && !missing.isEmpty()) {
			Thread.sleep(250);
			log = withCookie("GET", gateway + "/api/security/log?limit=200", reader, null).body();
			String current = log;
			missing = expected.stream()
				.filter((type) -> !current.contains("\"type\":\"warden." + type + "\""))
				.toList();
		}
		assertThat(missing).as("event types missing from the user's security log").isEmpty();
		assertThat(log).doesNotContain(password)
			.doesNotContain(newPassword)
			.doesNotContain(recovery)
			.doesNotContain(secret);
		assertThat(awaitMails(email, "Benutzer - Ihr Systempasswort wurde geändert"))
			.as("the password mail, once, in the language the user chose")
			.isEqualTo(1);
	}

	/**
	 * An account whose password is not temporary, created by the bootstrap administrator.
	 */
	private void createUser(String email, String password) throws Exception {
		String admin = cookieOf(login(ADMIN_EMAIL, ADMIN_PASSWORD, CHROME));
		SharedSuite.createUser(admin, email, "Quinn Tester", password);
	}

	private HttpResponse<String> secondStep(HttpResponse<String> first, String code) throws Exception {
		String mfaToken = first.body().replaceAll(".*\"mfaToken\":\"([^\"]+)\".*", "$1");
		return this.http.send(HttpRequest
			.newBuilder(URI.create(suite.url(WardenService.GATEWAY) + "/api/auth/login/mfa"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"mfaToken\":\"" + mfaToken + "\",\"code\":\"" + code + "\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String totp(String base32, int offset) throws Exception {
		return AuthenticatorApp.code(base32, offset);
	}

	/**
	 * The answer to the token once refused, within 15 s: well before the gateway's 120 s
	 * cache would forget it.
	 */
	private HttpResponse<String> awaitTokenRefused(String gateway, String token) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		HttpResponse<String> after = withToken(gateway + "/api/me", token);
		while (System.nanoTime() < deadline && after.statusCode() != 401) {
			Thread.sleep(50);
			after = withToken(gateway + "/api/me", token);
		}
		assertThat(after.statusCode()).as("refused well before the 120 s cache expiry").isEqualTo(401);
		return after;
	}

	private HttpResponse<String> withToken(String url, String token) throws Exception {
		return this.http.send(
				HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> login(String email, String password, String userAgent) throws Exception {
		return SharedSuite.login(email, password, userAgent);
	}

	private static String cookieOf(HttpResponse<String> response) {
		return SharedSuite.sessionCookie(response);
	}

	private int awaitStatus(String url, String secret, int expected) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		int status = 0;
		while (System.nanoTime() < deadline && status != expected) {
			status = withCookie("GET", url, secret, null).statusCode();
			Thread.sleep(50);
		}
		return status;
	}

	private String signIn(String user, String userAgent) throws Exception {
		return suite.openSession(user, java.util.List.of("USER"), userAgent);
	}

	/**
	 * As the page would: the session cookie, and for changes the CSRF token echoed in its
	 * header.
	 */
	private HttpResponse<String> withCookie(String method, String url, String secret) throws Exception {
		return withCookie(method, url, secret, null);
	}

	private HttpResponse<String> withCookie(String method, String url, String secret, String json) throws Exception {
		return SharedSuite.withCookie(method, url, secret, json);
	}

	/**
	 * Mails with this subject the SMTP sink received for {@code email}, once they stop
	 * arriving.
	 */
	private int awaitMails(String email, String subject) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		int count = 0;
		while (System.nanoTime() < deadline && count == 0) {
			Thread.sleep(200);
			count = mailsTo(email, subject);
		}
		Thread.sleep(1500);
		return mailsTo(email, subject);
	}

	private static int mailsTo(String email, String subject) throws Exception {
		return SharedSuite.mailsTo(email, subject);
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
