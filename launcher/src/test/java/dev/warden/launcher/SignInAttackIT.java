package dev.warden.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.warden.launcher.SourceAddressClient.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The running suite attacked at its sign-in, through the gateway, as an attacker would:
 * bursts in parallel, from many client addresses (each request bound to its own
 * 127.0.0.x), with one known password.
 */
class SignInAttackIT {

	private static final SourceAddressClient CLIENTS = new SourceAddressClient();

	private static final String RESET_SUBJECT = "Your password reset code";

	private static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0";

	@AfterAll
	static void closeClients() throws Exception {
		CLIENTS.close();
	}

	@Test
	void aBurstOfFiftyWrongPasswordsFromFiftyAddressesJudgesAtMostThreeAndTheOwnerStillSignsIn() throws Exception {
		Account owner = Account.create();

		List<Answer> answers = inParallel(50,
				(n) -> signIn(SourceAddressClient.address(n), owner.email(), "guess " + n));

		long judged = answers.stream().filter((answer) -> answer.status() == 401).count();
		assertThat(answers).allSatisfy((answer) -> assertThat(answer.status()).isIn(401, 429));
		assertThat(judged).as("passwords judged out of 50 sent at once").isBetween(1L, 3L);
		assertThat(answers.stream().filter((answer) -> answer.status() == 429).map(Answer::code))
			.containsOnly("login_throttled");

		Answer owners = awaitSignIn("127.0.0.1", owner.email(), owner.password());
		assertThat(owners.status()).as("the owner after the temporary wait").isEqualTo(200);
	}

	/**
	 * The attacker knows the password of an account with two-factor on, and from 30
	 * addresses opens 30 sign-in challenges, each spending two wrong codes, all at once;
	 * then goes on one code at a time.
	 */
	@Test
	void aKnownPasswordBuysAtMostTenWrongCodesWhateverTheAddressesAndTheOwnerIsTold() throws Exception {
		Account owner = Account.create();
		owner.enableTwoFactor();

		List<String> challenges = inParallel(30,
				(n) -> mfaToken(awaitSignIn(SourceAddressClient.address(100 + n), owner.email(), owner.password())));
		List<List<Answer>> burst = inParallel(30, (n) -> {
			String from = SourceAddressClient.address(100 + n);
			return List.of(secondStep(from, challenges.get(n), "000000"),
					secondStep(from, challenges.get(n), "000001"));
		});
		List<Answer> spent = burst.stream().flatMap(List::stream).toList();
		assertThat(spent).allSatisfy((answer) -> assertThat(answer.status()).isIn(400, 429));
		long judged = spent.stream().filter((answer) -> answer.status() == 400).count();
		// The suite shortens the wait between codes (see SharedSuite), so a burst also
		// reaches the later ones.
		assertThat(judged).as("codes judged of 60 sent at once").isBetween(1L, 10L);

		// Then one code at a time from ever new addresses, each after the wait the last
		// one imposed.
		Answer last = null;
		for (int attempt = 0; attempt < 40; attempt++) {
			String from = SourceAddressClient.address(200 + attempt);
			last = secondStep(from, mfaToken(awaitSignIn(from, owner.email(), owner.password())), "000000");
			if (last.status() == 400) {
				judged++;
			}
			long retryAfter = last.header("Retry-After").map(Long::parseLong).orElse(0L);
			if (last.status() == 429 && retryAfter > 60) {
				break;
			}
			Thread.sleep(Math.max(50, retryAfter * 1000));
		}

		assertThat(last.status()).isEqualTo(429);
		assertThat(last.code()).isEqualTo("second_factor_throttled");
		assertThat(judged).as("wrong codes judged in all").isEqualTo(10);
		String right = AuthenticatorApp.code(owner.twoFactorSecret(), 0);
		assertThat(
				secondStep("127.0.0.1", mfaToken(signIn("127.0.0.1", owner.email(), owner.password())), right).status())
			.as("while refused, even the owner's right code is not judged")
			.isEqualTo(429);
		assertThat(awaitMails(owner.email(), "Someone signed in with your password but failed the second step"))
			.as("the owner is told, once")
			.isEqualTo(1);
	}

	/**
	 * The attacker asks for the owner's password reset from 40 addresses at once: the
	 * answers are all the same, and the owner's mailbox gets three codes, not forty.
	 */
	@Test
	void aFloodOfResetRequestsFromManyAddressesMailsTheOwnerAtMostThreeCodes() throws Exception {
		Account owner = Account.create();

		List<Answer> answers = inParallel(40,
				(n) -> CLIENTS.send(SourceAddressClient.address(300 + n), "POST",
						gateway() + "/api/auth/password-reset", "{\"email\":\"" + owner.email() + "\"}", "User-Agent",
						BROWSER));

		assertThat(answers).allSatisfy((answer) -> assertThat(answer.status()).isEqualTo(202));
		assertThat(answers.stream().map(Answer::body).distinct()).hasSize(1);
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (SharedSuite.mailsTo(owner.email(), RESET_SUBJECT) < 3 && System.nanoTime() < deadline) {
			Thread.sleep(200);
		}
		Thread.sleep(3000);
		assertThat(SharedSuite.mailsTo(owner.email(), RESET_SUBJECT)).isEqualTo(3);
	}

	/**
	 * The attacker knows which reset is under way (the code's first part) and guesses the
	 * rest from 50 addresses at once: the guesses count against the account, so at most
	 * three are judged, and the owner's own code still works afterwards.
	 */
	@Test
	void wrongResetCodesFromManyAddressesAreCountedAgainstTheAccount() throws Exception {
		Account owner = Account.create();
		CLIENTS.send("127.0.0.1", "POST", gateway() + "/api/auth/password-reset",
				"{\"email\":\"" + owner.email() + "\"}", "User-Agent", BROWSER);
		String code = SharedSuite.awaitMailText(owner.email(), RESET_SUBJECT)
			.replaceAll("(?s).*?\\s([A-Z2-7]{4}(?:-[A-Z2-7]{4}){5})\\s.*", "$1");
		String known = code.substring(0, 10);

		List<Answer> answers = inParallel(50, (n) -> confirmReset(SourceAddressClient.address(400 + n),
				known + String.format("%04d", n).replace('0', 'A').replace('1', 'B').replace('8', 'C').replace('9', 'D')
						+ "-QQQQ-QQQQ-QQQQ",
				"guess " + n + " of a long new password"));

		assertThat(answers).allSatisfy((answer) -> assertThat(answer.status()).isIn(400, 429));
		assertThat(answers.stream().filter((answer) -> answer.status() == 400).count())
			.as("codes judged out of 50 sent at once")
			.isBetween(1L, 3L);
		String fresh = "amber " + RandomSecrets.generate(16) + " lighthouse";
		Answer owners = confirmReset("127.0.0.1", code, fresh);
		for (int attempt = 0; attempt < 10 && owners.status() == 429; attempt++) {
			Thread.sleep(owners.header("Retry-After").map(Long::parseLong).orElse(1L) * 1000 + 100);
			owners = confirmReset("127.0.0.1", code, fresh);
		}
		assertThat(owners.status()).as(owners.body()).isEqualTo(204);
	}

	@Test
	void thePasswordChangeFormIsNoOracleForOldPasswords() throws Exception {
		Account owner = Account.create();
		String stolen = owner.signIn();
		String next = owner.changePassword(stolen);
		String session = new Account(owner.email(), next).signIn();

		// Holding the session but not the password, the attacker tries the old password
		// as the new one.
		var answer = SharedSuite.withCookie("POST", gateway() + "/api/security/password", session,
				"{\"currentPassword\":\"a guess\",\"newPassword\":\"" + owner.password() + "\",\"confirmPassword\":\""
						+ owner.password() + "\",\"signOutOtherSessions\":false}");

		assertThat(answer.statusCode()).isEqualTo(400);
		assertThat(answer.body()).contains("current_password_invalid").doesNotContain("policy.reused");
	}

	@Test
	void aStolenApiTokenCannotChangeTheLanguageOfTheOwnersSecurityMails() throws Exception {
		Account owner = Account.create();
		String token = owner.createToken();

		Answer answer = CLIENTS.send("127.0.0.9", "PUT", gateway() + "/api/me/locale", "{\"locale\":\"de\"}",
				"Authorization", "Bearer " + token);

		assertThat(answer.status()).isEqualTo(403);
		assertThat(answer.code()).isEqualTo("session_required");
	}

	private static Answer confirmReset(String from, String code, String newPassword) {
		return CLIENTS.send(
				from, "POST", gateway() + "/api/auth/password-reset/confirm", "{\"code\":\"" + code
						+ "\",\"newPassword\":\"" + newPassword + "\",\"confirmPassword\":\"" + newPassword + "\"}",
				"User-Agent", BROWSER);
	}

	private static Answer signIn(String from, String email, String password) {
		return CLIENTS.send(from, "POST", gateway() + "/api/auth/login",
				"{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", "User-Agent", BROWSER);
	}

	private static Answer secondStep(String from, String mfaToken, String code) {
		return CLIENTS.send(from, "POST", gateway() + "/api/auth/login/mfa",
				"{\"mfaToken\":\"" + mfaToken + "\",\"code\":\"" + code + "\"}", "User-Agent", BROWSER);
	}

	private static String mfaToken(Answer signIn) {
		assertThat(signIn.status()).as(signIn.body()).isEqualTo(200);
		return signIn.body().replaceAll(".*\"mfaToken\":\"([^\"]+)\".*", "$1");
	}

	private static Answer awaitSignIn(String from, String email, String password) throws InterruptedException {
		Answer answer = signIn(from, email, password);
		for (int attempt = 0; attempt < 10 && answer.status() == 429; attempt++) {
			Thread.sleep(answer.header("Retry-After").map(Long::parseLong).orElse(1L) * 1000 + 100);
			answer = signIn(from, email, password);
		}
		return answer;
	}

	private static int awaitMails(String email, String subject) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (System.nanoTime() < deadline && SharedSuite.mailsTo(email, subject) == 0) {
			Thread.sleep(200);
		}
		Thread.sleep(1500);
		return SharedSuite.mailsTo(email, subject);
	}

	private static <T> List<T> inParallel(int count, Attempt<T> attempt) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(count);
		try {
			List<Callable<T>> calls = new ArrayList<>();
			for (int n = 0; n < count; n++) {
				int index = n;
				calls.add(() -> attempt.run(index));
			}
			List<T> results = new ArrayList<>();
			for (Future<T> result : pool.invokeAll(calls)) {
				results.add(result.get());
			}
			return results;
		}
		finally {
			pool.shutdown();
		}
	}

	private static String gateway() {
		return SharedSuite.get().url(WardenService.GATEWAY);
	}

	@FunctionalInterface
	private interface Attempt<T> {

		T run(int n) throws Exception;

	}

	/** A user created by the bootstrap administrator, with a permanent password. */
	private record Account(String email, String password, String[] secret) {

		Account(String email, String password) {
			this(email, password, new String[1]);
		}

		static Account create() throws Exception {
			String admin = SharedSuite
				.sessionCookie(SharedSuite.login(SharedSuite.ADMIN_EMAIL, SharedSuite.ADMIN_PASSWORD, BROWSER));
			Account account = new Account("attacked." + UUID.randomUUID().toString().substring(0, 8) + "@example.test",
					"amber " + RandomSecrets.generate(16) + " lighthouse");
			SharedSuite.createUser(admin, account.email(), "Quinn Tester", account.password());
			return account;
		}

		String signIn() throws Exception {
			return SharedSuite.sessionCookie(SharedSuite.login(this.email, this.password, BROWSER));
		}

		String twoFactorSecret() {
			return this.secret[0];
		}

		void enableTwoFactor() throws Exception {
			String session = signIn();
			var setup = SharedSuite.withCookie("POST", gateway() + "/api/security/two-factor/setup", session, null);
			assertThat(setup.statusCode()).as(setup.body()).isEqualTo(200);
			this.secret[0] = setup.body().replaceAll(".*\"secret\":\"([^\"]+)\".*", "$1");
			var confirmed = SharedSuite.withCookie("POST", gateway() + "/api/security/two-factor/confirm", session,
					"{\"code\":\"" + AuthenticatorApp.code(this.secret[0], 0) + "\"}");
			assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
		}

		String changePassword(String session) throws Exception {
			String next = "amber " + RandomSecrets.generate(16) + " lighthouse";
			var changed = SharedSuite.withCookie("POST", gateway() + "/api/security/password", session,
					"{\"currentPassword\":\"" + this.password + "\",\"newPassword\":\"" + next
							+ "\",\"confirmPassword\":\"" + next + "\",\"signOutOtherSessions\":false}");
			assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);
			return next;
		}

		String createToken() throws Exception {
			var created = SharedSuite.withCookie("POST", gateway() + "/api/security/tokens", signIn(),
					"{\"name\":\"tool\",\"validityMonths\":1,\"role\":\"USER\"}");
			assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
			return created.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
		}
	}

}
