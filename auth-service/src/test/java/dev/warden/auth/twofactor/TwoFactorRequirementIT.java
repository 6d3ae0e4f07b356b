package dev.warden.auth.twofactor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.warden.auth.AuthIntegrationTest;
import dev.warden.auth.SessionServiceStub;
import dev.warden.auth.password.policy.PasswordPolicy;
import dev.warden.auth.password.policy.PasswordPolicyService;
import dev.warden.auth.user.Roles;
import dev.warden.auth.user.User;
import dev.warden.event.EventTypes;
import org.apache.commons.codec.binary.Base32;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;

/**
 * Operators require two-factor authentication of roles (OWASP ASVS 5.0 §6.3.3): a user of
 * such a role without it signs in to a session held to the set-up, which confirming
 * two-factor releases, and cannot turn it off.
 */
class TwoFactorRequirementIT extends AuthIntegrationTest {

	@Autowired
	PasswordPolicyService policies;

	@AfterEach
	void requireItOfNobody() {
		this.policies.change(PasswordPolicy.DEFAULT, "test");
	}

	@Test
	void anAdministratorRequiresTwoFactorOfRolesAndUnknownRolesAreRefused() {
		// An administrator of its own, so other tests awaiting the bootstrap
		// administrator's changes never see these.
		User admin = this.users.create(uniqueEmail(), "Quinn Tester", List.of(Roles.USER, Roles.ADMIN),
				strongPassword(), false, "test");
		Map<String, Object> unknown = rules(List.of("ADMIN", "ROOT"));
		Map<String, Object> missing = rules(List.of());
		missing.remove("twoFactorRequiredFor");

		HttpResponse<String> refused = send("PUT", "/api/admin/password-policy", unknown, bearer(admin));
		HttpResponse<String> incomplete = send("PUT", "/api/admin/password-policy", missing, bearer(admin));
		HttpResponse<String> saved = send("PUT", "/api/admin/password-policy", rules(List.of("ADMIN")), bearer(admin));

		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(read(refused).get("errors").toString()).contains("\"field\":\"twoFactorRequiredFor\"")
			.contains("\"code\":\"unknown_role\"");
		assertThat(incomplete.statusCode()).isEqualTo(400);
		assertThat(incomplete.body()).contains("\"field\":\"twoFactorRequiredFor\"");
		assertThat(saved.statusCode()).isEqualTo(200);
		User user = newUser(uniqueEmail(), strongPassword());
		JsonNode shown = read(send("GET", "/api/security/password/policy", null, bearer(user)));
		assertThat(shown.get("twoFactorRequiredFor").toString()).isEqualTo("[\"ADMIN\"]");
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.alias("audited with the roles")
			.until(() -> this.events.find(admin.id().toString(), EventTypes.PASSWORD_POLICY_CHANGED)
				.stream()
				.anyMatch((event) -> event.get("data")
					.get("after")
					.path("twoFactorRequiredFor")
					.toString()
					.equals("[\"ADMIN\"]")));
	}

	@Test
	void aPolicySavedBeforeTheRuleExistedRequiresTwoFactorOfNobody() throws Exception {
		this.jdbc.update("""
				insert into password_policy (id, rules, updated_at, updated_by) values (1, ?, now(), 'test')
				on conflict (id) do update set rules = excluded.rules""",
				"{\"minLength\":15,\"minLengthWithTwoFactor\":8,\"maxLength\":128,\"rejectCommon\":true,"
						+ "\"minStrength\":3,\"rejectUserInfo\":true,\"historySize\":5,\"minUppercase\":0,"
						+ "\"minLowercase\":0,\"minDigits\":0,\"minSpecial\":0,\"maxAgeDays\":0,\"minAgeHours\":0}");

		this.jdbc.execute(new ClassPathResource("db/migration/V5__two_factor_requirement.sql")
			.getContentAsString(StandardCharsets.UTF_8));

		assertThat(this.policies.current()).isEqualTo(PasswordPolicy.DEFAULT);
	}

	@Test
	void anAdministratorWithoutTwoFactorSignsInToASessionHeldToTheSetUp() {
		String email = uniqueEmail();
		String password = strongPassword();
		User admin = this.users.create(email, "Quinn Tester", List.of(Roles.USER, Roles.ADMIN), password, false,
				"test");
		User user = newUser(uniqueEmail(), password);
		requireTwoFactorOf(Roles.ADMIN);

		HttpResponse<String> adminSignIn = login(email, password);
		String adminSession = lastCreatedSession();
		HttpResponse<String> userSignIn = login(user.email(), password);
		String userSession = lastCreatedSession();

		assertThat(adminSignIn.statusCode()).isEqualTo(200);
		assertThat(read(adminSignIn).get("status").asString()).isEqualTo("AUTHENTICATED");
		assertThat(read(adminSignIn).get("twoFactorSetupRequired").asBoolean()).isTrue();
		assertThat(adminSession).contains("\"twoFactorSetupRequired\":true")
			.contains("\"passwordChangeRequired\":false");
		assertThat(read(send("GET", "/api/me", null, bearer(admin))).get("twoFactorSetupRequired").asBoolean())
			.isTrue();
		assertThat(read(userSignIn).get("twoFactorSetupRequired").asBoolean()).isFalse();
		assertThat(userSession).contains("\"twoFactorSetupRequired\":false");
		assertThat(read(send("GET", "/api/me", null, bearer(user))).get("twoFactorSetupRequired").asBoolean())
			.isFalse();
	}

	@Test
	void confirmingTwoFactorRenewsTheSessionWithoutTheSetUpFlag() {
		String email = uniqueEmail();
		String password = strongPassword();
		User user = newUser(email, password);
		requireTwoFactorOf(Roles.USER);
		assertThat(read(login(email, password)).get("twoFactorSetupRequired").asBoolean()).isTrue();
		String session = bearer(user, "heldToTheSetUp00000001", Instant.now());

		String secret = read(send("POST", "/api/security/two-factor/setup", null, session)).get("secret").asString();
		HttpResponse<String> confirmed = send("POST", "/api/security/two-factor/confirm",
				Map.of("code", codeFor(secret, 0)), session);

		assertThat(confirmed.statusCode()).isEqualTo(200);
		assertThat(confirmed.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("__Host-warden_session=");
		List<SessionServiceStub.Call> renewals = SESSIONS.calls("POST",
				"/internal/users/" + user.id() + "/sessions/heldToTheSetUp00000001/renew");
		assertThat(renewals).hasSize(1);
		assertThat(renewals.get(0).body()).contains("\"twoFactorSetupRequired\":false")
			.contains("\"passwordChangeRequired\":null");
		assertThat(read(send("GET", "/api/me", null, session)).get("twoFactorSetupRequired").asBoolean()).isFalse();
		HttpResponse<String> next = login(email, password);
		assertThat(read(next).get("status").asString()).as("two-factor is on now").isEqualTo("MFA_REQUIRED");
	}

	@Test
	void twoFactorCannotBeTurnedOffWhileThePolicyRequiresIt() {
		String email = uniqueEmail();
		String password = strongPassword();
		User user = newUser(email, password);
		String secret = read(send("POST", "/api/security/two-factor/setup", null, bearer(user))).get("secret")
			.asString();
		send("POST", "/api/security/two-factor/confirm", Map.of("code", codeFor(secret, -1)), bearer(user));
		requireTwoFactorOf(Roles.USER);

		HttpResponse<String> refused = send("POST", "/api/security/two-factor/disable",
				Map.of("password", password, "code", codeFor(secret, 0)), bearer(user));
		this.policies.change(PasswordPolicy.DEFAULT, "test");
		HttpResponse<String> allowed = send("POST", "/api/security/two-factor/disable",
				Map.of("password", password, "code", codeFor(secret, 1)), bearer(user));

		assertThat(refused.statusCode()).isEqualTo(409);
		assertThat(refused.body()).contains("\"code\":\"two_factor_required\"");
		assertThat(allowed.statusCode()).isEqualTo(204);
	}

	private void requireTwoFactorOf(String... roles) {
		this.policies.change(this.json.convertValue(rules(List.of(roles)), PasswordPolicy.class), "test");
	}

	/**
	 * The body of session-service's latest session creation: what auth-service asked it
	 * to open.
	 */
	private static String lastCreatedSession() {
		List<SessionServiceStub.Call> created = SESSIONS.calls("POST", "/internal/sessions");
		return created.stream()
			.filter((call) -> call.uri().equals("/internal/sessions"))
			.reduce((first, second) -> second)
			.orElseThrow()
			.body();
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> rules(List<String> twoFactorRequiredFor) {
		Map<String, Object> rules = new LinkedHashMap<>(this.json.convertValue(PasswordPolicy.DEFAULT, Map.class));
		rules.put("twoFactorRequiredFor", twoFactorRequiredFor);
		return rules;
	}

	/**
	 * The code an authenticator app shows, {@code offset} steps from the service's clock.
	 */
	private String codeFor(String base32, int offset) {
		return Totp.code(new Base32().decode(base32), Totp.step(this.clock.instant()) + offset);
	}

}
