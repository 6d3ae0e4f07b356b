package dev.warden.auth.password;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.warden.auth.AuthIntegrationTest;
import dev.warden.auth.SessionServiceStub;
import dev.warden.auth.password.policy.PasswordPolicy;
import dev.warden.auth.user.User;
import dev.warden.auth.user.UserStore;
import dev.warden.event.EventTypes;
import dev.warden.infra.test.TestJwts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** "Change password" against real PostgreSQL, Redis and Kafka. */
@ExtendWith(OutputCaptureExtension.class)
class PasswordChangeIT extends AuthIntegrationTest {

	@Autowired
	UserStore store;

	@Autowired
	dev.warden.auth.password.policy.PasswordPolicyService policies;

	@AfterEach
	void defaultPolicy() {
		this.policies.change(PasswordPolicy.DEFAULT, "test");
	}

	@Test
	void changesThePasswordRenewsTheSessionAndTellsEveryoneWithoutThePassword(CapturedOutput output) {
		String email = uniqueEmail();
		String old = strongPassword();
		String fresh = strongPassword();
		User user = newUser(email, old);

		HttpResponse<String> response = change(user, "changeSession000000001", old, fresh, fresh, null);

		assertThat(response.statusCode()).isEqualTo(204);
		assertThat(response.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("__Host-warden_session=")
			.contains("HttpOnly");
		List<SessionServiceStub.Call> renewals = SESSIONS.calls("POST",
				"/internal/users/" + user.id() + "/sessions/changeSession000000001/renew");
		assertThat(renewals).hasSize(1);
		assertThat(renewals.get(0).body()).contains("\"passwordChangeRequired\":false");
		assertThat(login(email, old).statusCode()).isEqualTo(401);
		assertThat(login(email, fresh).statusCode()).isEqualTo(200);

		JsonNode changed = this.events.await(user.id().toString(), EventTypes.PASSWORD_CHANGED);
		JsonNode data = changed.get("data");
		assertThat(data.get("email").asString()).isEqualTo(email);
		assertThat(data.get("displayName").asString()).isEqualTo("Quinn Tester");
		assertThat(data.get("ip").asString()).isEqualTo(CLIENT_IP);
		assertThat(data.get("userAgent").asString()).isEqualTo(FIREFOX);
		assertThat(data.get("sessionId").asString()).isEqualTo("changeSession000000001");
		assertThat(data.get("signOutOtherSessions").asBoolean()).isTrue();
		assertThat(this.events.rawMentioning(user.id().toString())).allSatisfy(
				(event) -> assertThat(event).doesNotContain(old).doesNotContain(fresh).doesNotContain("argon2"));
		assertThat(output.getAll()).doesNotContain(old).doesNotContain(fresh);
		assertThat(response.body()).doesNotContain(fresh);
	}

	@Test
	void reportsEveryProblemOfTheNewPasswordAtOnceFieldByField() {
		String current = strongPassword();
		User user = newUser(uniqueEmail(), current);

		HttpResponse<String> response = change(user, "s", current, "dragon", "different", null);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type").orElseThrow()).contains("application/problem+json");
		JsonNode errors = read(response).get("errors");
		assertThat(fieldCodes(errors))
			.contains("confirmPassword:confirmation_mismatch", "newPassword:policy.too_short",
					"newPassword:policy.common")
			.doesNotContain("currentPassword:current_password_invalid");
	}

	@Test
	void aWrongCurrentPasswordIsAnsweredAloneSoTheFormIsNoOracleForOldPasswords() {
		String first = strongPassword();
		User user = newUser(uniqueEmail(), first);
		String second = strongPassword();
		assertThat(change(user, "s", first, second, second, null).statusCode()).isEqualTo(204);

		// An attacker with the session but not the password tries an old password as the
		// new one.
		HttpResponse<String> response = change(user, "s", "a guess at the password", first, first, null);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(fieldCodes(read(response).get("errors")))
			.containsExactly("currentPassword:current_password_invalid");
		assertThat(response.body()).doesNotContain("policy.reused");
	}

	@Test
	void wrongCurrentPasswordCountsTowardTheLockAndIsRecorded() {
		String email = uniqueEmail();
		String password = strongPassword();
		User user = newUser(email, password);
		String fresh = strongPassword();

		for (int attempt = 1; attempt <= 3; attempt++) {
			assertThat(change(user, "s", "wrong " + attempt, fresh, fresh, null).statusCode()).isEqualTo(400);
		}

		assertThat(change(user, "s", password, fresh, fresh, null).statusCode()).isEqualTo(429);
		assertThat(login(email, password).statusCode()).isEqualTo(429);
		JsonNode failed = this.events.await(user.id().toString(), EventTypes.PASSWORD_CHANGE_FAILED);
		assertThat(failed.get("data").get("ip").asString()).isEqualTo(CLIENT_IP);
		this.clock.advance(Duration.ofSeconds(5));
	}

	@Test
	void refusesTheLastFivePasswordsButNotTheSixth() {
		String email = uniqueEmail();
		String first = strongPassword();
		User user = newUser(email, first);
		String current = first;
		List<String> used = new java.util.ArrayList<>(List.of(first));
		for (int change = 0; change < 5; change++) {
			String next = strongPassword();
			assertThat(change(user, "s", current, next, next, null).statusCode()).isEqualTo(204);
			used.add(next);
			current = next;
		}

		for (String recent : used.subList(1, 6)) {
			HttpResponse<String> reused = change(user, "s", current, recent, recent, null);
			assertThat(reused.statusCode()).isEqualTo(400);
			assertThat(reused.body()).contains("\"code\":\"policy.reused\"");
		}
		assertThat(change(user, "s", current, first, first, null).statusCode()).as("six passwords ago is allowed again")
			.isEqualTo(204);
	}

	@Test
	void honoursTheMinimumAgeWhenTheAdministratorSetsOne() {
		String old = strongPassword();
		User user = newUser(uniqueEmail(), old);
		this.policies.change(withMinAgeHours(24), "test");
		String fresh = strongPassword();

		HttpResponse<String> tooSoon = change(user, "s", old, fresh, fresh, null);

		assertThat(tooSoon.statusCode()).isEqualTo(400);
		assertThat(tooSoon.body()).contains("\"code\":\"policy.too_recent\"");
		this.clock.advance(Duration.ofHours(25));
		HttpResponse<String> later = change(user, "s", old, fresh, fresh, null);
		assertThat(later.statusCode()).as(later.body()).isEqualTo(204);
	}

	@Test
	void staysSignedInElsewhereWhenTheUserAsks() {
		String password = strongPassword();
		User user = newUser(uniqueEmail(), password);
		String fresh = strongPassword();

		assertThat(change(user, "s", password, fresh, fresh, false).statusCode()).isEqualTo(204);

		JsonNode changed = this.events.await(user.id().toString(), EventTypes.PASSWORD_CHANGED);
		assertThat(changed.get("data").get("signOutOtherSessions").asBoolean()).isFalse();
	}

	@Test
	void anApiTokenCannotChangeThePassword() {
		String password = strongPassword();
		User user = newUser(uniqueEmail(), password);
		String fresh = strongPassword();
		String token = TestJwts.shared()
			.forUser(user.id().toString())
			.roles("USER")
			.apiToken("tok1")
			.amr("token")
			.bearer();

		HttpResponse<String> response = send("POST", "/api/security/password", body(password, fresh, fresh, null),
				token);

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).contains("\"code\":\"session_required\"");
	}

	@Test
	void acceptsAnyUnicodeAndComparesNormalisedForms() {
		// "é" typed as one code point, then as "e" + combining accent: the same password
		// after NFKC.
		String composed = "caf\u00e9 \u6f22\u5b57 \uD83D\uDD12 m\u00fcnchen blue tram";
		String decomposed = "cafe\u0301 \u6f22\u5b57 \uD83D\uDD12 mu\u0308nchen blue tram";
		String password = strongPassword();
		String email = uniqueEmail();
		User user = newUser(email, password);

		assertThat(change(user, "s", password, composed, decomposed, null).statusCode()).isEqualTo(204);
		assertThat(login(email, decomposed).statusCode()).isEqualTo(200);
	}

	private PasswordPolicy withMinAgeHours(int hours) {
		PasswordPolicy d = PasswordPolicy.DEFAULT;
		return new PasswordPolicy(d.minLength(), d.minLengthWithTwoFactor(), d.maxLength(), d.rejectCommon(),
				d.minStrength(), d.rejectUserInfo(), d.historySize(), d.minUppercase(), d.minLowercase(), d.minDigits(),
				d.minSpecial(), d.maxAgeDays(), hours, d.twoFactorRequiredFor());
	}

	private HttpResponse<String> change(User user, String sessionId, String current, String fresh, String confirm,
			Boolean signOutOthers) {
		return send("POST", "/api/security/password", body(current, fresh, confirm, signOutOthers),
				bearer(user, sessionId.length() < 5 ? "someSession00000000001" : sessionId, java.time.Instant.now()));
	}

	private static Map<String, Object> body(String current, String fresh, String confirm, Boolean signOutOthers) {
		Map<String, Object> body = new HashMap<>();
		body.put("currentPassword", current);
		body.put("newPassword", fresh);
		body.put("confirmPassword", confirm);
		if (signOutOthers != null) {
			body.put("signOutOtherSessions", signOutOthers);
		}
		return body;
	}

	static List<String> fieldCodes(JsonNode errors) {
		List<String> codes = new java.util.ArrayList<>();
		errors.forEach((error) -> codes.add(error.get("field").asString() + ":" + error.get("code").asString()));
		return codes;
	}

}
