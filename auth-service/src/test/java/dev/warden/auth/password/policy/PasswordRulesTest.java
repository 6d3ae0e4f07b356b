package dev.warden.auth.password.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Each content rule of the password policy, alone. */
class PasswordRulesTest {

	private static final BreachedPasswords BREACHED = new BreachedPasswords();

	private static final PasswordRules RULES = new PasswordRules(new CommonPasswords(), BREACHED,
			new dev.warden.auth.password.breached.BreachedPasswordScreening(
					new dev.warden.auth.password.breached.BreachedPasswordProperties(null, null, null, null, null, null,
							null, null),
					new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), java.time.Clock.systemUTC()),
			List.of("Warden", "Acme Portal"));

	private static final String STRONG = "velvet pumpkin orbits quietly";

	@Test
	void aLongUncommonPassphrasePassesTheDefaults() {
		assertThat(codes(PasswordPolicy.DEFAULT, STRONG)).isEmpty();
	}

	@Test
	void countsLengthInCodePointsSoEmojiCountOnce() {
		PasswordPolicy policy = policy(15, 0, 0, 0, 0, 0);
		String fourteenEmoji = "\uD83D\uDD12".repeat(14); // 28 UTF-16 units, 14
															// characters

		assertThat(codes(policy, fourteenEmoji)).contains("policy.too_short");
		assertThat(codes(policy, fourteenEmoji + "\uD83D\uDD11")).doesNotContain("policy.too_short");
	}

	@Test
	void usersWithTwoFactorNeedOnlyTheShorterMinimum() {
		PasswordPolicy policy = policy(15, 0, 0, 0, 0, 0);
		String nine = "tQ7#vz!p2";

		assertThat(RULES.check(policy, new PasswordCandidate(nine, "x@example.test", "X", false)))
			.extracting(PolicyViolation::code)
			.contains("policy.too_short");
		assertThat(RULES.check(policy, new PasswordCandidate(nine, "x@example.test", "X", true)))
			.extracting(PolicyViolation::code)
			.doesNotContain("policy.too_short");
	}

	@Test
	void refusesPasswordsLongerThanTheMaximumWithoutTruncatingThem() {
		assertThat(codes(PasswordPolicy.DEFAULT, STRONG + " ".repeat(100))).containsExactly("policy.too_long");
	}

	@Test
	void refusesCommonPasswordsWhateverTheCase() {
		PasswordPolicy policy = policy(8, 0, 0, 0, 0, 0);

		assertThat(codes(policy, "Password1")).contains("policy.common");
		assertThat(codes(policy, "QWERTYUIOP")).contains("policy.common");
		assertThat(codes(policy, "iloveyou")).contains("policy.common");
		assertThat(new CommonPasswords().size()).isGreaterThan(29_000);
	}

	@Test
	void refusesBreachedPasswordsLongEnoughForTheLengthRuleWhateverTheCase() {
		// Entries of zxcvbn's breached-password list that pass the default minimum of 15
		// characters.
		assertThat(codes(PasswordPolicy.DEFAULT, "1QAZ2WSX3EDC4RFV")).contains("policy.breached")
			.doesNotContain("policy.too_short");
		assertThat(codes(PasswordPolicy.DEFAULT, "Q1w2E3r4T5y6U7i8")).contains("policy.breached");
		assertThat(BREACHED.size()).as("the list is there, not silently empty").isGreaterThan(10_000);
	}

	@Test
	void refusesBreachedPasswordsInDisguiseAndOnlyAsAWhole() {
		assertThat(BREACHED.contains("P@ssw0rd")).as("look-alike substitutions").isTrue();
		assertThat(BREACHED.contains("m0msanaladv3ntur3")).isTrue();
		assertThat(BREACHED.contains("vfr4cde3xsw2zaq1")).as("written backwards").isTrue();
		assertThat(BREACHED.contains("password")).isTrue();
		assertThat(BREACHED.contains("password is not my whole passphrase")).as("only the whole password").isFalse();
		assertThat(codes(PasswordPolicy.DEFAULT, STRONG)).doesNotContain("policy.breached");
	}

	@Test
	void refusesBreachedPasswordsEvenWhenCommonPasswordsAreAllowed() {
		PasswordPolicy lax = new PasswordPolicy(8, 8, 128, false, 0, false, 0, 0, 0, 0, 0, 0, 0, List.of());

		assertThat(codes(lax, "P@ssw0rd")).containsExactly("policy.breached");
		assertThat(codes(lax, "velvet pumpkin")).isEmpty();
	}

	@Test
	void refusesGuessablePasswordsByStrengthEstimate() {
		assertThat(codes(PasswordPolicy.DEFAULT, "aaaaaaaaaaaaaaaaaaaa")).contains("policy.weak");
		assertThat(codes(PasswordPolicy.DEFAULT, "abcdefghijklmnopqrst")).contains("policy.weak");
		assertThat(codes(PasswordPolicy.DEFAULT, STRONG)).doesNotContain("policy.weak");
	}

	@Test
	void refusesTheNamesOfTheServiceAndItsOperatorInAnyCase() {
		assertThat(codes(PasswordPolicy.DEFAULT, "velvet WARDEN orbits quietly"))
			.contains("policy.contains_context_word");
		assertThat(codes(PasswordPolicy.DEFAULT, "my acme portal pumpkin orbits"))
			.contains("policy.contains_context_word");
		assertThat(codes(PasswordPolicy.DEFAULT, STRONG)).doesNotContain("policy.contains_context_word");
	}

	@Test
	void refusesTheUsersOwnEmailAndName() {
		PasswordCandidate withEmail = new PasswordCandidate("my margaret.hamilton secret",
				"Margaret.Hamilton@nasa.test", "Peggy H", false);
		PasswordCandidate withName = new PasswordCandidate("velvet HAMILTON orbits here", "mh@nasa.test",
				"Margaret Hamilton", false);
		PasswordCandidate unrelated = new PasswordCandidate(STRONG, "mh@nasa.test", "Margaret Hamilton", false);

		assertThat(RULES.check(PasswordPolicy.DEFAULT, withEmail)).extracting(PolicyViolation::code)
			.contains("policy.contains_user_info");
		assertThat(RULES.check(PasswordPolicy.DEFAULT, withName)).extracting(PolicyViolation::code)
			.contains("policy.contains_user_info");
		assertThat(RULES.check(PasswordPolicy.DEFAULT, unrelated)).isEmpty();
	}

	@Test
	void characterClassesAreOffByDefaultAndUnicodeAwareWhenOn() {
		PasswordPolicy classes = policy(8, 1, 1, 1, 1, 0);

		assertThat(codes(PasswordPolicy.DEFAULT, STRONG)).isEmpty();
		assertThat(codes(classes, "lowercase only words")).contains("policy.uppercase", "policy.digit",
				"policy.special");
		assertThat(codes(classes, "ÄÖÜ äöü 7 § words")).doesNotContain("policy.uppercase", "policy.lowercase",
				"policy.digit", "policy.special");
	}

	@Test
	void reportsEveryBrokenRuleTogether() {
		assertThat(codes(policy(15, 1, 0, 1, 0, 0), "password")).contains("policy.too_short", "policy.common",
				"policy.weak", "policy.uppercase", "policy.digit");
	}

	@Test
	void aScreeningThatCannotAnswerRefusesANewPasswordOnlyWhenItFailsClosed() {
		PasswordPolicy policy = policy(8, 0, 0, 0, 0, 0);
		for (String mode : new String[] { "fail-closed", "fail-open" }) {
			PasswordRules rules = new PasswordRules(new CommonPasswords(), BREACHED,
					new dev.warden.auth.password.breached.BreachedPasswordScreening(
							new dev.warden.auth.password.breached.BreachedPasswordProperties(
									"http://127.0.0.1:9/range/", null, mode, null, java.time.Duration.ofMillis(300),
									null, null, null),
							new io.micrometer.core.instrument.simple.SimpleMeterRegistry(),
							java.time.Clock.systemUTC()),
					List.of("Warden"));
			List<String> codes = rules
				.check(policy, new PasswordCandidate(STRONG, "someone@example.test", "Some One", false))
				.stream()
				.map(PolicyViolation::code)
				.toList();
			if (mode.equals("fail-closed")) {
				assertThat(codes).containsExactly(PasswordRules.BREACHED_UNCHECKED);
			}
			else {
				assertThat(codes).isEmpty();
			}
		}
	}

	private static List<String> codes(PasswordPolicy policy, String password) {
		return RULES.check(policy, new PasswordCandidate(password, "someone@example.test", "Some One", false))
			.stream()
			.map(PolicyViolation::code)
			.toList();
	}

	private static PasswordPolicy policy(int minLength, int upper, int lower, int digits, int special, int maxAge) {
		return new PasswordPolicy(minLength, 8, 128, true, 3, true, 5, upper, lower, digits, special, maxAge, 0,
				java.util.List.of());
	}

}
