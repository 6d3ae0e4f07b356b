package dev.warden.support.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link WellFormedText}: every surrogate paired, no NUL. */
public class WellFormedTextValidator implements ConstraintValidator<WellFormedText, String> {

	@Override
	public boolean isValid(String value, ConstraintValidatorContext context) {
		return value == null || isWellFormed(value);
	}

	public static boolean isWellFormed(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '\0') {
				return false;
			}
			if (Character.isHighSurrogate(c)) {
				if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
					return false;
				}
				i++;
			}
			else if (Character.isLowSurrogate(c)) {
				return false;
			}
		}
		return true;
	}

}
