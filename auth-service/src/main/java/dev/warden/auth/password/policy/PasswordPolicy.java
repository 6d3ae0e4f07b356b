package dev.warden.auth.password.policy;

import dev.warden.event.auth.PasswordPolicySettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The password rules in force, set by an administrator at run time. Defaults follow NIST
 * SP 800-63B rev 4 and OWASP ASVS 5.0 §6.2: length over composition, common passwords
 * refused, no forced periodic change. Wrapper types so a PUT that leaves a rule out is a
 * 400, not a silent zero.
 *
 * @param minLength minimum length in characters (code points) for users without
 * two-factor authentication
 * @param minLengthWithTwoFactor minimum length for users with two-factor authentication
 * @param maxLength maximum length; at least 64 and never truncated
 * @param rejectCommon refuse passwords on the bundled list of 30,000 most common
 * passwords
 * @param minStrength minimum zxcvbn score 0–4 (0 turns the estimate off)
 * @param rejectUserInfo refuse passwords containing the e-mail's local part or a part of
 * the name
 * @param historySize how many previous passwords may not be reused (0 = none)
 * @param minUppercase minimum upper-case letters (0 = no rule)
 * @param minLowercase minimum lower-case letters (0 = no rule)
 * @param minDigits minimum digits (0 = no rule)
 * @param minSpecial minimum special characters (0 = no rule)
 * @param maxAgeDays days after which the password must change (0 = never, the NIST
 * default)
 * @param minAgeHours hours before a changed password may change again (0 = no minimum)
 * @param twoFactorRequiredFor roles whose holders must use two-factor authentication
 * (OWASP ASVS 5.0 §6.3.3); empty: optional for everyone
 */
public record PasswordPolicy(@NotNull @Min(8) @Max(256) Integer minLength,
		@NotNull @Min(8) @Max(256) Integer minLengthWithTwoFactor, @NotNull @Min(64) @Max(4096) Integer maxLength,
		@NotNull Boolean rejectCommon, @NotNull @Min(0) @Max(4) Integer minStrength, @NotNull Boolean rejectUserInfo,
		@NotNull @Min(0) @Max(24) Integer historySize, @NotNull @Min(0) @Max(16) Integer minUppercase,
		@NotNull @Min(0) @Max(16) Integer minLowercase, @NotNull @Min(0) @Max(16) Integer minDigits,
		@NotNull @Min(0) @Max(16) Integer minSpecial, @NotNull @Min(0) @Max(3650) Integer maxAgeDays,
		@NotNull @Min(0) @Max(8760) Integer minAgeHours, @NotNull @Size(max = 16) List<String> twoFactorRequiredFor) {

	/** The policy as events report it. */
	public PasswordPolicySettings settings() {
		return new PasswordPolicySettings(this.minLength, this.minLengthWithTwoFactor, this.maxLength,
				this.rejectCommon, this.minStrength, this.rejectUserInfo, this.historySize, this.minUppercase,
				this.minLowercase, this.minDigits, this.minSpecial, this.maxAgeDays, this.minAgeHours,
				this.twoFactorRequiredFor);
	}

	/** The policy before an administrator changes anything. */
	public static final PasswordPolicy DEFAULT = new PasswordPolicy(15, 8, 128, true, 3, true, 5, 0, 0, 0, 0, 0, 0,
			List.of());

	public int minLengthFor(boolean twoFactorEnabled) {
		return twoFactorEnabled ? this.minLengthWithTwoFactor : this.minLength;
	}

	/**
	 * Whether someone holding any of {@code roles} must have two-factor authentication
	 * on.
	 */
	public boolean requiresTwoFactor(Collection<String> roles) {
		return roles.stream().anyMatch(this.twoFactorRequiredFor::contains);
	}

	public boolean expires() {
		return this.maxAgeDays > 0;
	}

	/**
	 * When a password changed at {@code changedAt} expires, or {@code null} if passwords
	 * do not expire.
	 */
	public @Nullable Instant expiresAt(Instant changedAt) {
		return expires() ? changedAt.plus(Duration.ofDays(this.maxAgeDays)) : null;
	}
}
