package dev.warden.auth.password;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.warden.auth.AuthIntegrationTest;
import dev.warden.auth.password.policy.PasswordPolicy;
import dev.warden.auth.password.policy.PasswordPolicyService;
import dev.warden.auth.user.User;
import dev.warden.auth.user.UserStore;
import dev.warden.event.EventTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * The password policy: shown to users, changed by administrators at run time, enforced at
 * sign-in.
 */
class PasswordPolicyIT extends AuthIntegrationTest {

	@Autowired
	PasswordPolicyService policies;

	@Autowired
	UserStore store;

	@AfterEach
	void defaultPolicy() {
		this.policies.change(PasswordPolicy.DEFAULT, "test");
	}

	@Test
	void showsTheRulesInForceToEveryUser() {
		User user = newUser(uniqueEmail(), strongPassword());

		JsonNode policy = read(send("GET", "/api/security/password/policy", null, bearer(user)));

		assertThat(policy.get("minLength").asInt()).isEqualTo(15);
		assertThat(policy.get("minLengthWithTwoFactor").asInt()).isEqualTo(8);
		assertThat(policy.get("maxLength").asInt()).isGreaterThanOrEqualTo(64);
		assertThat(policy.get("rejectCommon").asBoolean()).isTrue();
		assertThat(policy.get("historySize").asInt()).isEqualTo(5);
		assertThat(policy.get("maxAgeDays").asInt()).isZero();
	}

	@Test
	void anAdministratorChangesTheRulesWithARecentSignInAndItIsAudited() {
		User admin = admin();
		Map<String, Object> rules = rules(Map.of("minLength", 20, "minDigits", 1));

		HttpResponse<String> stale = send("PUT", "/api/admin/password-policy", rules,
				bearer(admin, "adminSession0000000001", java.time.Instant.now().minus(Duration.ofHours(1))));
		HttpResponse<String> fresh = send("PUT", "/api/admin/password-policy", rules, bearer(admin));

		assertThat(stale.statusCode()).isEqualTo(403);
		assertThat(stale.body()).contains("\"code\":\"reauthentication_required\"");
		assertThat(fresh.statusCode()).isEqualTo(200);
		assertThat(this.policies.current().minLength()).isEqualTo(20);
		JsonNode event = this.events.await(admin.id().toString(), EventTypes.PASSWORD_POLICY_CHANGED);
		assertThat(event.get("data").get("before").get("minLength").asInt()).isEqualTo(15);
		assertThat(event.get("data").get("after").get("minLength").asInt()).isEqualTo(20);
	}

	@Test
	void refusesAPolicyBelowTheFloorsOrWithMissingRules() {
		User admin = admin();

		HttpResponse<String> tooWeak = send("PUT", "/api/admin/password-policy",
				rules(Map.of("minLength", 6, "maxLength", 32)), bearer(admin));
		Map<String, Object> partial = rules(Map.of());
		partial.remove("historySize");
		HttpResponse<String> missing = send("PUT", "/api/admin/password-policy", partial, bearer(admin));
		HttpResponse<String> inconsistent = send("PUT", "/api/admin/password-policy",
				rules(Map.of("minLength", 100, "maxLength", 64)), bearer(admin));

		assertThat(tooWeak.statusCode()).isEqualTo(400);
		assertThat(PasswordChangeIT.fieldCodes(read(tooWeak).get("errors"))).contains("minLength:out_of_range",
				"maxLength:out_of_range");
		assertThat(missing.statusCode()).isEqualTo(400);
		assertThat(missing.body()).contains("\"field\":\"historySize\"");
		assertThat(inconsistent.statusCode()).isEqualTo(400);
		assertThat(this.policies.current()).isEqualTo(PasswordPolicy.DEFAULT);
	}

	@Test
	void onlyAdministratorsChangeThePolicy() {
		User user = newUser(uniqueEmail(), strongPassword());

		HttpResponse<String> response = send("PUT", "/api/admin/password-policy", rules(Map.of()), bearer(user));

		assertThat(response.statusCode()).isEqualTo(403);
	}

	@Test
	void aRaisedPolicyForcesAChangeAtTheNextSignIn() {
		String email = uniqueEmail();
		String password = "amber harbour quietly drifting"; // 30 characters, no digit
		User user = newUser(email, password);
		this.policies.change(rulesRecord(Map.of("minDigits", 1)), "test");

		HttpResponse<String> response = login(email, password);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(read(response).get("passwordChangeRequired").asBoolean()).isTrue();
		assertThat(this.store.findById(user.id()).orElseThrow().passwordChangeRequired()).isTrue();
		JsonNode me = read(send("GET", "/api/me", null, bearer(user)));
		assertThat(me.get("passwordChangeRequired").asBoolean()).isTrue();
	}

	@Test
	void anExpiredPasswordForcesAChangeAndIsRecordedOnce() {
		String email = uniqueEmail();
		String password = strongPassword();
		User user = newUser(email, password);
		this.policies.change(rulesRecord(Map.of("maxAgeDays", 90)), "test");
		this.clock.advance(Duration.ofDays(91));

		HttpResponse<String> first = login(email, password);
		HttpResponse<String> second = login(email, password);

		assertThat(read(first).get("passwordChangeRequired").asBoolean()).isTrue();
		assertThat(read(second).get("passwordChangeRequired").asBoolean()).isTrue();
		this.events.await(user.id().toString(), EventTypes.PASSWORD_EXPIRED);
		assertThat(this.events.find(user.id().toString(), EventTypes.PASSWORD_EXPIRED)).hasSize(1);
		String fresh = strongPassword();
		HttpResponse<String> change = send("POST", "/api/security/password",
				Map.of("currentPassword", password, "newPassword", fresh, "confirmPassword", fresh), bearer(user));
		assertThat(change.statusCode()).isEqualTo(204);
		assertThat(read(login(email, fresh)).get("passwordChangeRequired").asBoolean()).isFalse();
	}

	@Test
	void aTemporaryPasswordMustChangeAtFirstSignIn() {
		User admin = admin();
		String email = uniqueEmail();
		String password = strongPassword();
		HttpResponse<String> created = send("POST", "/api/admin/users", Map.of("email", email, "displayName",
				"Grace Hopper", "roles", java.util.List.of("USER"), "password", password), bearer(admin));

		HttpResponse<String> response = login(email, password);

		assertThat(created.statusCode()).isEqualTo(201);
		assertThat(read(response).get("passwordChangeRequired").asBoolean()).isTrue();
		assertThat(SESSIONS.calls("POST", "/internal/sessions")
			.get(SESSIONS.calls("POST", "/internal/sessions").size() - 1)
			.body()).contains("\"passwordChangeRequired\":true");
	}

	private User admin() {
		return this.store.findByEmail("root@example.test").orElseThrow();
	}

	private Map<String, Object> rules(Map<String, Object> changes) {
		Map<String, Object> rules = new LinkedHashMap<>(this.json.convertValue(PasswordPolicy.DEFAULT, Map.class));
		rules.putAll(changes);
		return rules;
	}

	private PasswordPolicy rulesRecord(Map<String, Object> changes) {
		return this.json.convertValue(rules(changes), PasswordPolicy.class);
	}

}
