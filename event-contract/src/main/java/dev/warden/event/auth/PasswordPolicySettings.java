package dev.warden.event.auth;

import java.util.List;

/**
 * The password policy as {@link PasswordPolicyChanged} reports it.
 *
 * @param minLength minimum length in characters without two-factor authentication
 * @param minLengthWithTwoFactor minimum length with two-factor authentication
 * @param maxLength maximum length (never truncated)
 * @param rejectCommon whether the most common passwords are refused
 * @param minStrength minimum zxcvbn score, 0 to 4 (0: not estimated)
 * @param rejectUserInfo whether passwords containing the e-mail or name are refused
 * @param historySize how many previous passwords may not be reused
 * @param minUppercase minimum upper-case letters
 * @param minLowercase minimum lower-case letters
 * @param minDigits minimum digits
 * @param minSpecial minimum special characters
 * @param maxAgeDays days after which the password must change (0: never)
 * @param minAgeHours hours before a changed password may change again
 * @param twoFactorRequiredFor roles whose holders must use two-factor authentication
 */
public record PasswordPolicySettings(int minLength, int minLengthWithTwoFactor, int maxLength, boolean rejectCommon,
		int minStrength, boolean rejectUserInfo, int historySize, int minUppercase, int minLowercase, int minDigits,
		int minSpecial, int maxAgeDays, int minAgeHours, List<String> twoFactorRequiredFor) {
}
