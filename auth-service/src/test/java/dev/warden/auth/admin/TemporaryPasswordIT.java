package dev.warden.auth.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.warden.auth.AuthIntegrationTest;
import dev.warden.auth.login.LoginAttempts;
import dev.warden.auth.user.User;
import dev.warden.event.EventTypes;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * A password an administrator sets is temporary (OWASP ASVS 5.0 6.4.1): it must change at
 * the first sign-in and stops working after {@code warden.password.temporary-lifetime}
 * (72 hours by default) if it was not replaced.
 */
class TemporaryPasswordIT extends AuthIntegrationTest {

	private static final Duration LIFETIME = Duration.ofHours(72);

	@Autowired
	LoginAttempts attempts;

	@Test
	void aFreshTemporaryPasswordSignsInToTheForcedChangeAndTheNewPasswordNeverExpires() {
		String email = uniqueEmail();
		String temporary = strongPassword();
		User user = create(email, temporary);
		this.clock.advance(LIFETIME.minusMinutes(1));

		HttpResponse<String> signIn = login(email, temporary);

		assertThat(signIn.statusCode()).isEqualTo(200);
		assertThat(read(signIn).get("passwordChangeRequired").asBoolean()).isTrue();
		this.clock.advance(Duration.ofMinutes(2));
		String chosen = strongPassword();
		HttpResponse<String> change = send("POST", "/api/security/password",
				Map.of("currentPassword", temporary, "newPassword", chosen, "confirmPassword", chosen), bearer(user));
		assertThat(change.statusCode()).as("the session proved the password in time").isEqualTo(204);
		assertThat(this.userStore.findById(user.id()).orElseThrow().temporaryPasswordExpiresAt()).isNull();
		this.clock.advance(LIFETIME.multipliedBy(2));
		HttpResponse<String> later = login(email, chosen);
		assertThat(later.statusCode()).isEqualTo(200);
		assertThat(read(later).get("passwordChangeRequired").asBoolean()).isFalse();
	}

	@Test
	void anExpiredTemporaryPasswordGetsTheWrongPasswordsAnswerNoSessionAndIsNotCountedAsAGuess() {
		String email = uniqueEmail();
		String temporary = strongPassword();
		User user = create(email, temporary);
		this.clock.advance(LIFETIME.plusSeconds(1));

		HttpResponse<String> expired = login(email, temporary);
		HttpResponse<String> wrong = login(email, strongPassword());

		assertThat(expired.statusCode()).isEqualTo(401).isEqualTo(wrong.statusCode());
		assertThat(expired.body()).isEqualTo(wrong.body()).contains("\"code\":\"invalid_credentials\"");
		assertThat(expired.headers().firstValue("Set-Cookie")).isEmpty();
		assertThat(SESSIONS.calls("POST", "/internal/sessions"))
			.noneMatch((call) -> call.body().contains(user.id().toString()));
		assertThat(this.attempts.standing(email).failures()).as("only the wrong password counts").isEqualTo(1);
		List<JsonNode> failures = org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> this.events.find(user.id().toString(), EventTypes.LOGIN_FAILED), (found) -> found.size() == 2);
		assertThat(failures).extracting((event) -> event.get("data").get("reason").asString())
			.containsExactlyInAnyOrder("temporary_password_expired", "wrong_password");
	}

	@Test
	void anAdministratorCannotSetAPermanentPassword() {
		String email = uniqueEmail();

		HttpResponse<String> response = send("POST", "/api/admin/users", Map.of("email", email, "displayName",
				"Alan Turing", "roles", List.of("USER"), "password", strongPassword(), "temporary", false),
				bearer(bootstrapAdmin()));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
		assertThat(read(response).get("errors").toString()).contains("\"field\":\"temporary\"")
			.contains("\"code\":\"temporary_required\"");
		assertThat(this.userStore.findByEmail(email)).isEmpty();
	}

	private User create(String email, String password) {
		HttpResponse<String> response = send("POST", "/api/admin/users", Map.of("email", email, "displayName",
				"Quinn Tester", "roles", List.of("USER"), "password", password, "temporary", true),
				bearer(bootstrapAdmin()));
		assertThat(response.statusCode()).isEqualTo(201);
		User user = this.userStore.findById(UUID.fromString(read(response).get("id").asString())).orElseThrow();
		assertThat(user.temporaryPasswordExpiresAt()).isEqualTo(user.passwordChangedAt().plus(LIFETIME));
		return user;
	}

}
