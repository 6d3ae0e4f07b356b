package dev.warden.auth.passkey;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.warden.auth.AuthIntegrationTest;
import dev.warden.auth.user.User;
import dev.warden.event.EventTypes;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Passkeys end to end at auth-service, with a FIDO2 authenticator played by the test
 * ({@link TestAuthenticator}): registered from the Security page's API, used alone to
 * sign in, as a password's second step and to confirm it is you; and every way an answer
 * can be wrong refused with a code and nothing stored.
 */
class PasskeyIT extends AuthIntegrationTest {

	@Test
	void aPasskeyIsAddedNamedUsedAloneToSignInAndStopsWorkingOnceRemoved() {
		User user = newUser(uniqueEmail(), strongPassword());
		TestAuthenticator key = new TestAuthenticator();

		JsonNode added = register(user, key, "YubiKey 5C");
		assertThat(added.path("name").asString()).isEqualTo("YubiKey 5C");
		assertThat(added.path("deviceHint").asString()).isEqualTo("Security key (USB, NFC)");
		JsonNode registered = this.events.await(user.id().toString(), EventTypes.PASSKEY_REGISTERED);
		assertThat(registered.path("data").path("name").asString()).isEqualTo("YubiKey 5C");
		HttpResponse<String> renamed = send("PATCH", "/api/security/passkeys/" + added.path("id").asString(),
				Map.of("name", "Keyring"), bearer(user));
		assertThat(read(renamed).path("name").asString()).isEqualTo("Keyring");

		HttpResponse<String> signedIn = signInWith(key);
		assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
		assertThat(signedIn.body()).contains("\"status\":\"AUTHENTICATED\"");
		assertThat(signedIn.headers().firstValue("Set-Cookie")).isPresent();
		assertThat(lastSessionCreated()).contains("\"authMethods\":[\"hwk\"]").contains(user.id().toString());
		JsonNode login = this.events.await(user.id().toString(), EventTypes.LOGIN_SUCCEEDED);
		assertThat(login.path("data").path("authMethods").toString()).isEqualTo("[\"hwk\"]");
		assertThat(login.path("data").path("userVerified").asBoolean()).isTrue();
		JsonNode listed = read(send("GET", "/api/security/passkeys", null, bearer(user))).path("passkeys");
		assertThat(listed).hasSize(1);
		assertThat(listed.get(0).path("lastUsedAt").isNull()).isFalse();

		assertThat(send("DELETE", "/api/security/passkeys/" + added.path("id").asString(), null, bearer(user))
			.statusCode()).isEqualTo(204);
		this.events.await(user.id().toString(), EventTypes.PASSKEY_REMOVED);
		HttpResponse<String> afterRemoval = signInWith(key);
		assertThat(afterRemoval.statusCode()).isEqualTo(401);
		assertThat(afterRemoval.body()).contains("\"code\":\"passkey_unknown\"");
	}

	@Test
	void aPasswordSignInOfAUserWithAPasskeyTakesItAsTheSecondStep() {
		String password = strongPassword();
		User user = newUser(uniqueEmail(), password);
		TestAuthenticator key = new TestAuthenticator();
		register(user, key, "Laptop");

		JsonNode first = read(login(user.email(), password));
		assertThat(first.path("status").asString()).isEqualTo("MFA_REQUIRED");
		assertThat(first.path("secondFactors").toString()).isEqualTo("[\"passkey\"]");
		String mfaToken = first.path("mfaToken").asString();
		JsonNode options = read(send("POST", "/api/auth/passkey/options", Map.of("mfaToken", mfaToken), signingIn()));
		assertThat(options.path("allowCredentials").get(0).path("id").asString()).isEqualTo(key.credentialId());
		HttpResponse<String> done = sendRaw("POST", "/api/auth/login/mfa",
				"{\"mfaToken\":\"" + mfaToken + "\",\"credential\":" + key.assertion(options) + "}", signingIn());

		assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
		assertThat(lastSessionCreated()).contains("\"authMethods\":[\"pwd\",\"hwk\"]");
		HttpResponse<String> again = sendRaw("POST", "/api/auth/login/mfa",
				"{\"mfaToken\":\"" + mfaToken + "\",\"credential\":" + key.assertion(options) + "}", signingIn());
		assertThat(again.statusCode()).isEqualTo(401);
	}

	@Test
	void aPasskeyConfirmsItIsYouAndAPasskeyOnlyUserCannotConfirmWithThePasswordAlone() {
		String password = strongPassword();
		User user = newUser(uniqueEmail(), password);
		TestAuthenticator key = new TestAuthenticator();
		register(user, key, "Phone");

		HttpResponse<String> passwordOnly = send("POST", "/api/auth/reauthenticate", Map.of("password", password),
				bearer(user));
		assertThat(passwordOnly.statusCode()).isEqualTo(400);
		assertThat(passwordOnly.body()).contains("\"field\":\"passkey\"");

		// A session of this user's own: the session-service stub keeps each session's
		// grant by its id.
		String session = bearer(user, "passkeySession" + user.id().toString().substring(0, 8), Instant.now());
		JsonNode options = read(send("POST", "/api/auth/reauthenticate/options", null, session));
		HttpResponse<String> confirmed = sendRaw("POST", "/api/auth/reauthenticate",
				"{\"passkey\":" + key.assertion(options) + "}", session);
		assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(204);
		assertThat(confirmed.headers().firstValue("Set-Cookie")).isPresent();
	}

	@Test
	void aPasskeyCountsAsTwoFactorForThePasswordPolicysShorterMinimum() {
		String password = strongPassword();
		User without = newUser(uniqueEmail(), password);
		User with = newUser(uniqueEmail(), password);
		register(with, new TestAuthenticator(), "Key");
		Map<String, Object> change = Map.of("currentPassword", password, "newPassword", "Qz8#vLp2xW", "confirmPassword",
				"Qz8#vLp2xW", "signOutOtherSessions", false);

		assertThat(send("POST", "/api/security/password", change, bearer(without)).body()).contains("policy.too_short");
		assertThat(send("POST", "/api/security/password", change, bearer(with)).body())
			.doesNotContain("policy.too_short");
	}

	@Test
	void anotherUsersPasskeyAnotherSessionsChallengeOrAClosedAccountGetsNothing() {
		String password = strongPassword();
		User alice = newUser(uniqueEmail(), password);
		User mallory = newUser(uniqueEmail(), strongPassword());
		TestAuthenticator alicesKey = new TestAuthenticator();
		TestAuthenticator mallorysKey = new TestAuthenticator();
		register(alice, alicesKey, "Alice's");
		register(mallory, mallorysKey, "Mallory's");

		// Alice's password known: Mallory's own passkey does not finish her second step.
		String mfaToken = read(login(alice.email(), password)).path("mfaToken").asString();
		JsonNode options = read(send("POST", "/api/auth/passkey/options", Map.of("mfaToken", mfaToken), signingIn()));
		HttpResponse<String> stranger = sendRaw("POST", "/api/auth/login/mfa",
				"{\"mfaToken\":\"" + mfaToken + "\",\"credential\":" + mallorysKey.assertion(options) + "}",
				signingIn());
		assertThat(stranger.body()).contains("\"code\":\"passkey_invalid\"");
		assertThat(
				this.jdbc.queryForObject("select sign_count from passkey where user_id = ?", Long.class, mallory.id()))
			.as("the stranger's passkey was not even used")
			.isZero();
		// An explicit null is no passkey: the code path answers.
		HttpResponse<String> nullCredential = sendRaw("POST", "/api/auth/login/mfa",
				"{\"mfaToken\":\"" + mfaToken + "\",\"code\":\"12345678\",\"credential\":null}", signingIn());
		assertThat(nullCredential.body()).doesNotContain("passkey_malformed");

		// A confirmation's challenge belongs to the session that asked for it.
		String one = bearer(alice, "aliceSessionOne" + alice.id().toString().substring(0, 8), Instant.now());
		String two = bearer(alice, "aliceSessionTwo" + alice.id().toString().substring(0, 8), Instant.now());
		JsonNode forOne = read(send("POST", "/api/auth/reauthenticate/options", null, one));
		HttpResponse<String> byTwo = sendRaw("POST", "/api/auth/reauthenticate",
				"{\"passkey\":" + alicesKey.assertion(forOne) + "}", two);
		assertThat(byTwo.body()).contains("\"code\":\"passkey_challenge_invalid\"");

		// A disabled account's passkey signs nobody in.
		assertThat(send("POST", "/api/admin/users/" + mallory.id() + "/disable", null, bearer(bootstrapAdmin()))
			.statusCode()).isEqualTo(204);
		assertThat(signInWith(mallorysKey).body()).contains("\"code\":\"invalid_credentials\"");
		// An administrator's reset of two-factor takes the passkeys too.
		assertThat(send("POST", "/api/admin/users/" + alice.id() + "/two-factor/reset", null, bearer(bootstrapAdmin()))
			.statusCode()).isEqualTo(204);
		assertThat(signInWith(alicesKey).body()).contains("\"code\":\"passkey_unknown\"");
		assertThat(read(login(alice.email(), password)).path("status").asString()).isEqualTo("AUTHENTICATED");
	}

	@Test
	void wrongAnswersAreRefusedWithACodeAndChangeNothing() {
		User user = newUser(uniqueEmail(), strongPassword());
		TestAuthenticator key = new TestAuthenticator();
		register(user, key, "Key");
		JsonNode options = signInOptions();
		String answer = key.assertion(options);
		assertThat(signIn(answer).statusCode()).isEqualTo(200);

		// The same answer again: its challenge was taken.
		assertThat(signIn(answer).body()).contains("\"code\":\"passkey_challenge_invalid\"");
		// A phishing page's origin.
		assertThat(
				signIn(new TestAuthenticator().origin("https://warden.example.evil").assertion(signInOptions())).body())
			.contains("\"code\":\"passkey_unknown\"");
		assertThat(signIn(key.origin("https://warden.example.evil").assertion(signInOptions())).body())
			.contains("\"code\":\"passkey_invalid\"");
		key.origin(TestAuthenticator.ORIGIN);
		// A key nobody registered.
		assertThat(signIn(new TestAuthenticator().assertion(signInOptions())).body())
			.contains("\"code\":\"passkey_unknown\"");
		// Not unlocked: a passkey alone needs its PIN or biometrics.
		HttpResponse<String> unverified = signIn(key.userVerification(false).assertion(signInOptions()));
		assertThat(unverified.body()).contains("\"code\":\"passkey_user_verification_required\"");
		key.userVerification(true);
		// A challenge made for adding a passkey is not one for signing in.
		JsonNode creation = read(send("POST", "/api/security/passkeys/registration/options", null, bearer(user)));
		assertThat(signIn(key.assertion(
				this.json.valueToTree(Map.of("challenge", creation.path("challenge").asString(), "rpId", "localhost"))))
			.body()).contains("\"code\":\"passkey_challenge_invalid\"");
		// Not an answer at all.
		HttpResponse<String> junk = sendRaw("POST", "/api/auth/passkey", "{\"credential\":{\"id\":\"x\"}}",
				signingIn());
		assertThat(junk.statusCode()).isEqualTo(400);
		assertThat(junk.body()).contains("\"code\":\"passkey_malformed\"");
		assertThat(sendRaw("POST", "/api/auth/passkey", "{}", signingIn()).statusCode()).isEqualTo(400);

		long counter = this.jdbc.queryForObject("select sign_count from passkey where user_id = ?", Long.class,
				user.id());
		assertThat(counter).as("only the accepted assertion moved the counter").isEqualTo(1);
		// A copy of the key with an older counter: refused, and published.
		HttpResponse<String> cloned = signIn(key.counter(0).assertion(signInOptions()));
		assertThat(cloned.body()).contains("\"code\":\"passkey_invalid\"");
		JsonNode suspected = this.events.await(user.id().toString(), EventTypes.PASSKEY_CLONE_SUSPECTED);
		assertThat(suspected.path("data").path("storedCounter").asLong()).isEqualTo(1);
	}

	@Test
	void oneOpenChallengePerUserTenPasskeysAtMostAndOneAnswerSignsInOnceHoweverOftenSent() throws Exception {
		User user = newUser(uniqueEmail(), strongPassword());
		// Asking again replaces the open challenge: nobody piles up challenges for one
		// user.
		JsonNode first = read(send("POST", "/api/security/passkeys/registration/options", null, bearer(user)));
		JsonNode second = read(send("POST", "/api/security/passkeys/registration/options", null, bearer(user)));
		HttpResponse<String> stale = sendRaw("POST", "/api/security/passkeys/registration",
				"{\"name\":\"old\",\"credential\":" + new TestAuthenticator().register(first) + "}", bearer(user));
		assertThat(stale.body()).contains("\"code\":\"passkey_challenge_invalid\"");
		// A wrong answer ends the open challenge too (it is taken to be compared).
		assertThat(sendRaw("POST", "/api/security/passkeys/registration",
				"{\"name\":\"late\",\"credential\":" + new TestAuthenticator().register(second) + "}", bearer(user))
			.body()).contains("\"code\":\"passkey_challenge_invalid\"");
		JsonNode third = read(send("POST", "/api/security/passkeys/registration/options", null, bearer(user)));
		String body = "{\"name\":\"burst\",\"credential\":" + new TestAuthenticator().register(third) + "}";
		List<Callable<Integer>> burst = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			burst.add(() -> sendRaw("POST", "/api/security/passkeys/registration", body, bearer(user)).statusCode());
		}
		assertThat(all(burst).stream().filter((status) -> status == 201)).hasSize(1);
		for (int i = 2; i <= 10; i++) {
			register(user, new TestAuthenticator(), "key " + i);
		}
		JsonNode options = read(send("POST", "/api/security/passkeys/registration/options", null, bearer(user)));
		HttpResponse<String> eleventh = sendRaw("POST", "/api/security/passkeys/registration",
				"{\"name\":\"one too many\",\"credential\":" + new TestAuthenticator().register(options) + "}",
				bearer(user));
		assertThat(eleventh.statusCode()).isEqualTo(409);
		assertThat(eleventh.body()).contains("\"code\":\"passkey_limit_reached\"");
		assertThat(this.jdbc.queryForObject("select count(*) from passkey where user_id = ?", Integer.class, user.id()))
			.isEqualTo(10);

		User other = newUser(uniqueEmail(), strongPassword());
		TestAuthenticator key = new TestAuthenticator();
		register(other, key, "Key");
		String answer = key.assertion(signInOptions());
		List<Callable<Integer>> replays = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			replays.add(() -> signIn(answer).statusCode());
		}
		assertThat(all(replays).stream().filter((status) -> status == 200)).hasSize(1);
	}

	private JsonNode register(User user, TestAuthenticator key, String name) {
		JsonNode options = read(send("POST", "/api/security/passkeys/registration/options", null, bearer(user)));
		assertThat(options.path("rp").path("id").asString()).isEqualTo("localhost");
		assertThat(options.path("attestation").asString()).isEqualTo("none");
		HttpResponse<String> added = sendRaw("POST", "/api/security/passkeys/registration",
				"{\"name\":\"" + name + "\",\"credential\":" + key.register(options) + "}", bearer(user));
		assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
		return read(added);
	}

	private static String lastSessionCreated() {
		List<dev.warden.auth.SessionServiceStub.Call> calls = SESSIONS.calls("POST", "/internal/sessions");
		return calls.get(calls.size() - 1).body();
	}

	private JsonNode signInOptions() {
		JsonNode options = read(send("POST", "/api/auth/passkey/options", null, signingIn()));
		assertThat(options.path("userVerification").asString()).isEqualTo("required");
		return options;
	}

	private HttpResponse<String> signInWith(TestAuthenticator key) {
		return signIn(key.assertion(signInOptions()));
	}

	private HttpResponse<String> signIn(String answer) {
		return sendRaw("POST", "/api/auth/passkey", "{\"credential\":" + answer + "}", signingIn());
	}

	private static List<Integer> all(List<Callable<Integer>> calls) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(calls.size());
		try {
			List<Integer> results = new ArrayList<>();
			for (Future<Integer> future : pool.invokeAll(calls)) {
				results.add(future.get());
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}

}
