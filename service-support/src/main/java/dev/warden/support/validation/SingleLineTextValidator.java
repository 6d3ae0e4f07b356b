package dev.warden.support.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link SingleLineText}. */
public class SingleLineTextValidator implements ConstraintValidator<SingleLineText, String> {

	@Override
	public boolean isValid(String value, ConstraintValidatorContext context) {
		return value == null || isSingleLine(value);
	}

	public static boolean isSingleLine(String value) {
		for (int i = 0; i < value.length(); i++) {
			if (isRefused(value.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * C0, DEL, C1, U+2028/2029, and the bidirectional embeddings, overrides and isolates.
	 */
	static boolean isRefused(char c) {
		return Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || (c >= '\u202A' && c <= '\u202E')
				|| (c >= '\u2066' && c <= '\u2069');
	}

}
