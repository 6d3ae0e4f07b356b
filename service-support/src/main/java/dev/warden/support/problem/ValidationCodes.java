package dev.warden.support.problem;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Maps Bean Validation constraint names ({@code NotBlank}, {@code Size}) to stable
 * snake_case codes.
 */
final class ValidationCodes {

	private ValidationCodes() {
	}

	static String of(@Nullable String constraint) {
		if (constraint == null || constraint.isBlank()) {
			return "invalid_value";
		}
		return switch (constraint) {
			case "NotNull", "NotBlank", "NotEmpty" -> "required";
			case "Size", "Length" -> "invalid_length";
			case "Min", "Max", "Range", "Positive", "PositiveOrZero", "DecimalMin", "DecimalMax" -> "out_of_range";
			case "Email" -> "invalid_email";
			case "Pattern" -> "invalid_format";
			case "WellFormedText" -> "malformed_text";
			case "SingleLineText" -> "control_characters";
			default -> constraint.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
		};
	}

}
