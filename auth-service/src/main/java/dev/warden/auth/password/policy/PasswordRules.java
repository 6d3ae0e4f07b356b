package dev.warden.auth.password.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.warden.auth.password.breached.BreachedPasswordProperties;
import dev.warden.auth.password.breached.BreachedPasswordScreening;
import java.util.Locale;

import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The rules about a password's content: length in Unicode code points (not UTF-16 units,
 * so an emoji counts once), the common-password list, the breached-password list (always,
 * whatever the policy), zxcvbn's strength estimate, the user's own e-mail and name, and
 * the optional character classes, which are Unicode-aware (an "Ä" is an upper-case
 * letter). History and age need the stored hashes and dates, so
 * {@code PasswordChangeService} checks those. Every broken rule is reported, not only the
 * first.
 */
@Component
public class PasswordRules {

	/**
	 * zxcvbn's cost grows with length; beyond this many characters the estimate adds
	 * nothing.
	 */
	private static final int STRENGTH_SAMPLE = 100;

	private static final int MIN_USER_INFO = 3;

	/**
	 * The password is known from breaches (the shipped list, or the screening ranges).
	 */
	public static final String BREACHED = "policy.breached";

	/**
	 * The screening could not answer and it fails closed: a new password waits; a
	 * password in use is not held against its user for it.
	 */
	public static final String BREACHED_UNCHECKED = "policy.breached_unchecked";

	private final CommonPasswords common;

	private final BreachedPasswords breached;

	/**
	 * Words of this service and its operator that no password may contain (ASVS 5.0
	 * 6.1.2, 6.2.11).
	 */
	private final List<String> contextWords;

	private final Zxcvbn zxcvbn = new Zxcvbn();

	private final BreachedPasswordScreening screening;

	PasswordRules(CommonPasswords common, BreachedPasswords breached, BreachedPasswordScreening screening,
			@Value("${warden.password.context-words:warden}") List<String> contextWords) {
		this.screening = screening;
		this.common = common;
		this.breached = breached;
		this.contextWords = contextWords.stream()
			.map((word) -> word.strip().toLowerCase(Locale.ROOT))
			.filter((word) -> word.codePointCount(0, word.length()) >= MIN_USER_INFO)
			.distinct()
			.toList();
	}

	public List<PolicyViolation> check(PasswordPolicy policy, PasswordCandidate candidate) {
		String password = candidate.password();
		List<PolicyViolation> violations = new ArrayList<>();
		int length = password.codePointCount(0, password.length());
		int minLength = policy.minLengthFor(candidate.twoFactorEnabled());
		if (length < minLength) {
			violations.add(new PolicyViolation("policy.too_short",
					"Use at least " + minLength + " characters (this one has " + length + ")."));
		}
		if (length > policy.maxLength()) {
			violations
				.add(new PolicyViolation("policy.too_long", "Use at most " + policy.maxLength() + " characters."));
		}
		if (policy.rejectCommon() && this.common.contains(password)) {
			violations.add(new PolicyViolation("policy.common",
					"This is one of the most common passwords; choose one nobody else would."));
		}
		// Not a setting: a password attackers already hold is refused under any policy
		// (ASVS 5.0 6.2.12).
		if (this.breached.contains(password)) {
			violations.add(new PolicyViolation(BREACHED,
					"This password is known from data breaches, also with letters swapped for look-alikes or written "
							+ "backwards; attackers try these first. Choose another."));
		}
		else {
			BreachedPasswordScreening.Verdict verdict = this.screening.check(password);
			if (verdict == BreachedPasswordScreening.Verdict.BREACHED) {
				violations.add(new PolicyViolation(BREACHED, "This password appears in known data breaches, so "
						+ "attackers try it first. Choose one you have not used anywhere else."));
			}
			else if (verdict == BreachedPasswordScreening.Verdict.UNAVAILABLE
					&& this.screening.mode() == BreachedPasswordProperties.Mode.FAIL_CLOSED) {
				violations.add(new PolicyViolation(BREACHED_UNCHECKED, "This password cannot be checked against "
						+ "known data breaches just now. Try again in a minute."));
			}
		}
		List<String> userInfo = userInfo(candidate);
		if (policy.rejectUserInfo() && containsAny(password, userInfo)) {
			violations.add(new PolicyViolation("policy.contains_user_info",
					"Do not use your e-mail address or name in your password."));
		}
		if (policy.rejectUserInfo() && containsAny(password, this.contextWords)) {
			violations.add(new PolicyViolation("policy.contains_context_word",
					"Do not use the name of this service or of your organisation in your password."));
		}
		if (policy.minStrength() > 0 && length <= policy.maxLength()) {
			List<String> known = new ArrayList<>(userInfo);
			known.addAll(this.contextWords);
			int score = strength(password, known);
			if (score < policy.minStrength()) {
				violations.add(new PolicyViolation("policy.weak",
						"This password is easy to guess (strength " + score + " of 4, at least " + policy.minStrength()
								+ " needed). A few unrelated words make a strong one."));
			}
		}
		classRule(violations, password, Character::isUpperCase, policy.minUppercase(), "policy.uppercase",
				"upper-case letter");
		classRule(violations, password, Character::isLowerCase, policy.minLowercase(), "policy.lowercase",
				"lower-case letter");
		classRule(violations, password, Character::isDigit, policy.minDigits(), "policy.digit", "digit");
		classRule(violations, password, PasswordRules::isSpecial, policy.minSpecial(), "policy.special",
				"special character (not a letter or digit)");
		return violations;
	}

	private int strength(String password, List<String> userInfo) {
		int end = password.offsetByCodePoints(0,
				Math.min(STRENGTH_SAMPLE, password.codePointCount(0, password.length())));
		Strength strength = this.zxcvbn.measure(password.substring(0, end), userInfo);
		int score = strength.getScore();
		strength.wipe();
		return score;
	}

	private static void classRule(List<PolicyViolation> violations, String password,
			java.util.function.IntPredicate inClass, int minimum, String code, String what) {
		if (minimum > 0 && password.codePoints().filter(inClass).count() < minimum) {
			violations.add(
					new PolicyViolation(code, "Use at least " + minimum + " " + what + (minimum > 1 ? "s" : "") + "."));
		}
	}

	private static boolean isSpecial(int codePoint) {
		return !Character.isLetterOrDigit(codePoint) && !Character.isWhitespace(codePoint);
	}

	/**
	 * The e-mail, its local part and each part of the name long enough to matter,
	 * lower-cased.
	 */
	private static List<String> userInfo(PasswordCandidate candidate) {
		List<String> parts = new ArrayList<>();
		if (candidate.email() != null && !candidate.email().isBlank()) {
			String email = candidate.email().strip().toLowerCase(Locale.ROOT);
			parts.add(email);
			int at = email.indexOf('@');
			if (at > 0) {
				parts.add(email.substring(0, at));
				parts.addAll(Arrays.asList(email.substring(0, at).split("[^\\p{L}\\p{N}]+")));
			}
		}
		if (candidate.displayName() != null) {
			parts.addAll(Arrays.asList(candidate.displayName().toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")));
		}
		return parts.stream()
			.filter((part) -> part.codePointCount(0, part.length()) >= MIN_USER_INFO)
			.distinct()
			.toList();
	}

	private static boolean containsAny(String password, List<String> parts) {
		String lower = password.toLowerCase(Locale.ROOT);
		return parts.stream().anyMatch(lower::contains);
	}

}
