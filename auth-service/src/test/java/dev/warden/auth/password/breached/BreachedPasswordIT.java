package dev.warden.auth.password.breached;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.warden.auth.AuthIntegrationTest;
import dev.warden.auth.user.User;
import dev.warden.event.EventTypes;
import dev.warden.event.auth.PasswordResetRequested;
import dev.warden.support.crypto.KeyedCipher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Breached-password screening in auth-service against a range server on loopback: a
 * password from its breached set is refused when chosen (change, reset, an
 * administrator's new user) and, found breached after it was set, forces a change at the
 * next sign-in with its own reason, mail and log entry.
 */
class BreachedPasswordIT extends AuthIntegrationTest {

	private static final RangeServerStub RANGES = new RangeServerStub();

	private static final KeyedCipher NOTIFICATION_SERVICE = new KeyedCipher(RESET_MAIL_KEYS, "test");

	@DynamicPropertySource
	static void ranges(DynamicPropertyRegistry registry) {
		registry.add("warden.password.breached.range-url", RANGES::url);
		// The tests take turns with a failing server: no pause after it.
		registry.add("warden.password.breached.pause", () -> "0s");
	}

	@AfterAll
	static void stopRanges() {
		RANGES.close();
	}

	@Test
	void aBreachedPasswordIsRefusedAtAChangeAResetAndAnAdministratorsNewUser() {
		String leaked = "lantern " + java.util.UUID.randomUUID().toString().substring(0, 8) + " orchard";
		RANGES.breach(leaked, 40);
		String password = strongPassword();
		User user = newUser(uniqueEmail(), password);

		HttpResponse<String> change = send("POST", "/api/security/password", Map.of("currentPassword", password,
				"newPassword", leaked, "confirmPassword", leaked, "signOutOtherSessions", false), bearer(user));
		assertThat(change.statusCode()).isEqualTo(400);
		assertThat(change.body()).contains("\"code\":\"policy.breached\"").doesNotContain(RangeServerStub.sha1(leaked));

		send("POST", "/api/auth/password-reset", Map.of("email", user.email()), signingIn());
		HttpResponse<String> reset = send("POST", "/api/auth/password-reset/confirm",
				Map.of("code", resetCode(user), "newPassword", leaked, "confirmPassword", leaked), signingIn());
		assertThat(reset.statusCode()).isEqualTo(400);
		assertThat(reset.body()).contains("\"code\":\"policy.breached\"");

		HttpResponse<String> created = send("POST", "/api/admin/users", Map.of("email", uniqueEmail(), "displayName",
				"Quinn Tester", "roles", java.util.List.of("USER"), "password", leaked), bearer(bootstrapAdmin()));
		assertThat(created.statusCode()).isEqualTo(400);
		assertThat(created.body()).contains("\"code\":\"policy.breached\"");

		String fresh = strongPassword();
		assertThat(send("POST", "/api/security/password",
				Map.of("currentPassword", password, "newPassword", fresh, "confirmPassword", fresh,
						"signOutOtherSessions", false),
				bearer(user))
			.statusCode()).as("a password in no breach is taken").isEqualTo(204);
	}

	@Test
	void aPasswordFoundBreachedAfterItWasSetMustChangeAtTheNextSignInAndTheUserIsToldWhy() {
		String password = strongPassword();
		User user = newUser(uniqueEmail(), password);
		RANGES.breach(password, 2);

		JsonNode signedIn = read(login(user.email(), password));

		assertThat(signedIn.path("status").asString()).isEqualTo("AUTHENTICATED");
		assertThat(signedIn.path("passwordChangeRequired").asBoolean()).isTrue();
		JsonNode me = read(send("GET", "/api/me", null, bearer(user)));
		assertThat(me.path("passwordChangeRequired").asBoolean()).isTrue();
		assertThat(me.path("passwordChangeReason").asString()).isEqualTo("breached");
		JsonNode event = this.events.await(user.id().toString(), EventTypes.PASSWORD_BREACHED);
		assertThat(event.toString()).doesNotContain(password).doesNotContain(RangeServerStub.sha1(password));
		assertThat(RANGES.requests()).allSatisfy((request) -> assertThat(request.prefix()).hasSize(5));

		String fresh = strongPassword();
		assertThat(send("POST", "/api/security/password", Map.of("currentPassword", password, "newPassword", fresh,
				"confirmPassword", fresh, "signOutOtherSessions", false), bearer(user))
			.statusCode()).isEqualTo(204);
		assertThat(read(send("GET", "/api/me", null, bearer(user))).path("passwordChangeReason").isNull()).isTrue();
	}

	@Test
	void aRangeServerThatFailsLetsPasswordsThroughWhenFailingOpenAndNeverHoldsASignIn() {
		String password = strongPassword();
		User user = newUser(uniqueEmail(), password);
		RANGES.failWith(500);
		try {
			JsonNode signedIn = read(login(user.email(), password));
			assertThat(signedIn.path("passwordChangeRequired").asBoolean()).isFalse();
			String fresh = strongPassword();
			assertThat(send("POST", "/api/security/password", Map.of("currentPassword", password, "newPassword", fresh,
					"confirmPassword", fresh, "signOutOtherSessions", false), bearer(user))
				.statusCode()).isEqualTo(204);
		}
		finally {
			RANGES.failWith(0);
		}
	}

	private String resetCode(User user) {
		JsonNode mail = this.events.await(user.id().toString(), EventTypes.PASSWORD_RESET_REQUESTED);
		return new String(NOTIFICATION_SERVICE.open(mail.path("data").path("sealedCode").asString(),
				PasswordResetRequested.SEAL_PREFIX + user.id()), StandardCharsets.UTF_8);
	}

}
