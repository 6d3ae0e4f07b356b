package dev.warden.auth.password.reset;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.warden.auth.AuthIntegrationTest;
import dev.warden.auth.passkey.TestAuthenticator;
import dev.warden.auth.user.User;
import dev.warden.event.EventTypes;
import dev.warden.event.auth.PasswordResetRequested;
import dev.warden.support.crypto.KeyedCipher;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PasswordResetIT extends AuthIntegrationTest {

	private static final KeyedCipher NOTIFICATION_SERVICE = new KeyedCipher(RESET_MAIL_KEYS, "test");

	@Test
	void anAddressWithOrWithoutAnAccountGetsTheSameAnswerAndOnlyTheAccountAMailWithASealedCode() {
		String email = uniqueEmail();
		User user = newUser(email, strongPassword());

		HttpResponse<String> known = requestReset(email);
		HttpResponse<String> unknown = requestReset(uniqueEmail());

		assertThat(known.statusCode()).isEqualTo(202);
		assertThat(unknown.statusCode()).isEqualTo(202);
		assertThat(known.body()).isEqualTo(unknown.body());
		String code = codeFromMail(user, 1);
		assertThat(code).matches("([A-Z2-7]{4}-){5}[A-Z2-7]{4}");
		assertThat(this.events.rawMentioning(code)).as("the code travels sealed only").isEmpty();
		assertThat(this.events.rawMentioning(code.replace("-", ""))).isEmpty();
	}

	@Test
	void theCodeSetsANewPasswordOnceAndIsLoggedAndAReusedCodeIsRefused() {
		String email = uniqueEmail();
		String old = strongPassword();
		User user = newUser(email, old);
		requestReset(email);
		String code = codeFromMail(user, 1);
		String fresh = strongPassword();

		HttpResponse<String> reset = confirm(code.toLowerCase(), fresh, fresh, null);

		assertThat(reset.statusCode()).as(reset.body()).isEqualTo(204);
		assertThat(login(email, fresh).statusCode()).isEqualTo(200);
		assertThat(login(email, old).statusCode()).isEqualTo(401);
		JsonNode event = this.events.await(user.id().toString(), EventTypes.PASSWORD_RESET);
		assertThat(event.path("data").path("ip").asString()).isEqualTo(CLIENT_IP);
		HttpResponse<String> again = confirm(code, strongPassword(), null, null);
		assertThat(again.statusCode()).isEqualTo(400);
		assertThat(again.body()).contains("reset_code_invalid");
	}

	@Test
	void aWrongCodeForAnAccountIsCountedLikeAWrongPassword() {
		String email = uniqueEmail();
		User user = newUser(email, strongPassword());
		requestReset(email);
		String code = codeFromMail(user, 1);
		String wrong = code.substring(0, 10) + (code.charAt(10) == 'A' ? 'B' : 'A') + code.substring(11);

		HttpResponse<String> answer = confirm(wrong, strongPassword(), null, null);

		assertThat(answer.statusCode()).isEqualTo(400);
		assertThat(answer.body()).contains("reset_code_invalid");
		JsonNode failed = this.events.await(user.id().toString(), EventTypes.LOGIN_FAILED);
		assertThat(failed.path("data").path("reason").asString()).isEqualTo("reset_code_invalid");
		assertThat(failed.path("data").path("failures").asInt()).isEqualTo(1);
		assertThat(confirm("NOTACODE", strongPassword(), null, null).body()).contains("reset_code_invalid");
	}

	@Test
	void aNewerCodeReplacesTheOlderAndACodeStopsWorkingAfterFifteenMinutes() {
		String email = uniqueEmail();
		User user = newUser(email, strongPassword());
		requestReset(email);
		String first = codeFromMail(user, 1);
		requestReset(email);
		String second = codeFromMail(user, 2);

		assertThat(confirm(first, strongPassword(), null, null).body()).contains("reset_code_invalid");

		this.clock.advance(Duration.ofMinutes(16));
		String fresh = strongPassword();
		assertThat(confirm(second, fresh, fresh, null).body()).contains("reset_code_invalid");
	}

	@Test
	void anAccountGetsAtMostThreeCodesAnHourHoweverManyAreAskedFor() {
		String email = uniqueEmail();
		User user = newUser(email, strongPassword());
		for (int i = 0; i < 5; i++) {
			assertThat(requestReset(email).statusCode()).isEqualTo(202);
		}
		// Requests are handled in order: once a later one's mail exists, the five were.
		String marker = uniqueEmail();
		User other = newUser(marker, strongPassword());
		requestReset(marker);
		this.events.await(other.id().toString(), EventTypes.PASSWORD_RESET_REQUESTED);

		assertThat(this.events.find(user.id().toString(), EventTypes.PASSWORD_RESET_REQUESTED)).hasSize(3);
	}

	@Test
	void aUserWithTwoFactorGivesACodeFromTheAppAsWell() {
		String email = uniqueEmail();
		User user = newUser(email, strongPassword());
		String secret = turnOnTwoFactor(user);
		requestReset(email);
		String code = codeFromMail(user, 1);
		String fresh = strongPassword();

		HttpResponse<String> without = confirm(code, fresh, fresh, null);
		assertThat(without.statusCode()).isEqualTo(400);
		assertThat(without.body()).contains("second_factor_required").contains("administrator");
		HttpResponse<String> wrong = confirm(code, fresh, fresh,
				"000000".equals(totp(secret, 0)) ? "111111" : "000000");
		assertThat(wrong.statusCode()).isEqualTo(400);
		assertThat(wrong.body()).contains("\"field\":\"secondFactor\"").contains("\"code\":\"code_invalid\"");

		HttpResponse<String> with = confirm(code, fresh, fresh, totp(secret, 0));
		assertThat(with.statusCode()).as(with.body()).isEqualTo(204);
		assertThat(read(login(email, fresh)).path("status").asString()).isEqualTo("MFA_REQUIRED");
	}

	@Test
	void aUserWithAPasskeyConfirmsWithItButNotWithAnotherUsersPasskey() {
		String email = uniqueEmail();
		User user = newUser(email, strongPassword());
		TestAuthenticator key = new TestAuthenticator();
		addPasskey(user, key);
		TestAuthenticator strangers = new TestAuthenticator();
		addPasskey(newUser(uniqueEmail(), strongPassword()), strangers);
		requestReset(email);
		String code = codeFromMail(user, 1);
		String fresh = strongPassword();

		HttpResponse<String> without = confirm(code, fresh, fresh, null);
		assertThat(without.statusCode()).isEqualTo(400);
		assertThat(without.body()).contains("second_factor_required").contains("passkey");
		HttpResponse<String> stranger = confirmWithPasskey(code, fresh, strangers);
		assertThat(stranger.statusCode()).isEqualTo(400);
		assertThat(stranger.body()).contains("\"field\":\"secondFactor\"").contains("\"code\":\"code_invalid\"");

		HttpResponse<String> with = confirmWithPasskey(code, fresh, key);
		assertThat(with.statusCode()).as(with.body()).isEqualTo(204);
		assertThat(this.events.await(user.id().toString(), EventTypes.PASSWORD_RESET)
			.path("data")
			.path("passkeys")
			.toString()).as("the mail lists the passkeys the reset left in place").isEqualTo("[\"Key\"]");
		assertThat(read(login(email, fresh)).path("secondFactors").toString()).isEqualTo("[\"passkey\"]");
	}

	private void addPasskey(User user, TestAuthenticator key) {
		JsonNode options = read(send("POST", "/api/security/passkeys/registration/options", null, bearer(user)));
		HttpResponse<String> added = sendRaw("POST", "/api/security/passkeys/registration",
				"{\"name\":\"Key\",\"credential\":" + key.register(options) + "}", bearer(user));
		assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
	}

	private HttpResponse<String> confirmWithPasskey(String code, String fresh, TestAuthenticator key) {
		JsonNode options = read(send("POST", "/api/auth/passkey/options", null, signingIn()));
		return sendRaw(
				"POST", "/api/auth/password-reset/confirm", "{\"code\":\"" + code + "\",\"newPassword\":\"" + fresh
						+ "\",\"confirmPassword\":\"" + fresh + "\",\"passkey\":" + key.assertion(options) + "}",
				signingIn());
	}

	@Test
	void aWeakPasswordIsRefusedWithoutSpendingTheCode() {
		String email = uniqueEmail();
		String old = strongPassword();
		User user = newUser(email, old);
		requestReset(email);
		String code = codeFromMail(user, 1);

		HttpResponse<String> weak = confirm(code, "password", "password", null);
		HttpResponse<String> reused = confirm(code, old, old, null);
		HttpResponse<String> mismatch = confirm(code, strongPassword(), strongPassword(), null);

		assertThat(weak.statusCode()).isEqualTo(400);
		assertThat(weak.body()).contains("policy.");
		assertThat(reused.body()).contains("policy.reused");
		assertThat(mismatch.body()).contains("confirmation_mismatch");
		String fresh = strongPassword();
		assertThat(confirm(code, fresh, fresh, null).statusCode()).isEqualTo(204);
	}

	@Test
	void twoConfirmationsAtOnceApplyOnce() throws Exception {
		String email = uniqueEmail();
		User user = newUser(email, strongPassword());
		requestReset(email);
		String code = codeFromMail(user, 1);
		List<String> passwords = List.of(strongPassword(), strongPassword(), strongPassword(), strongPassword());
		ExecutorService pool = Executors.newFixedThreadPool(passwords.size());
		int[] winner = { -1 };
		try {
			List<Callable<Integer>> attempts = new ArrayList<>();
			passwords.forEach((password) -> attempts.add(() -> confirm(code, password, password, null).statusCode()));
			List<Integer> statuses = new ArrayList<>();
			for (Future<Integer> status : pool.invokeAll(attempts)) {
				statuses.add(status.get());
			}
			winner[0] = statuses.indexOf(204);
			assertThat(statuses).filteredOn((status) -> status == 204).hasSize(1);
			// The others: the code already spent, or held back while the account's
			// attempts in flight are at their limit.
			assertThat(statuses).filteredOn((status) -> status != 204)
				.allMatch((status) -> status == 400 || status == 429);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(login(email, passwords.get(winner[0])).statusCode()).as("the one that applied").isEqualTo(200);
	}

	@Test
	void badInputIsAProblemWithACode() {
		for (Object body : new Object[] { Map.of(), Map.of("email", ""), Map.of("email", "x".repeat(300)) }) {
			HttpResponse<String> answer = send("POST", "/api/auth/password-reset", body, signingIn());
			assertThat(answer.statusCode()).as(body.toString()).isEqualTo(400);
			assertThat(answer.body()).contains("\"code\"");
		}
		HttpResponse<String> noPassword = send("POST", "/api/auth/password-reset/confirm", Map.of("code", "ABCD"),
				signingIn());
		assertThat(noPassword.statusCode()).isEqualTo(400);
		assertThat(noPassword.body()).contains("\"code\"");
		assertThat(send("POST", "/api/auth/password-reset", Map.of("email", uniqueEmail()), null).statusCode())
			.as("only through the gateway")
			.isEqualTo(401);
	}

	private HttpResponse<String> requestReset(String email) {
		return send("POST", "/api/auth/password-reset", Map.of("email", email), signingIn());
	}

	private HttpResponse<String> confirm(String code, String newPassword, String confirmPassword, String secondFactor) {
		Map<String, Object> body = new HashMap<>();
		body.put("code", code);
		body.put("newPassword", newPassword);
		body.put("confirmPassword", confirmPassword == null ? newPassword : confirmPassword);
		if (secondFactor != null) {
			body.put("secondFactor", secondFactor);
		}
		return send("POST", "/api/auth/password-reset/confirm", body, signingIn());
	}

	/**
	 * The code the {@code nth} reset mail of the user carries, opened as
	 * notification-service does.
	 */
	private String codeFromMail(User user, int nth) {
		List<JsonNode> mails = this.events.awaitCount(user.id().toString(), EventTypes.PASSWORD_RESET_REQUESTED, nth);
		String sealed = mails.get(nth - 1).path("data").path("sealedCode").asString();
		return new String(NOTIFICATION_SERVICE.open(sealed, PasswordResetRequested.SEAL_PREFIX + user.id()),
				StandardCharsets.UTF_8);
	}

}
