package dev.warden.token.account;

import dev.warden.token.lifecycle.TokenErrors;
import tools.jackson.databind.JsonNode;

/**
 * "From 1 to 12 months": a JSON integer 1..12 and nothing else (not "3", not 1.5, not 0,
 * not missing).
 */
final class ValidityMonths {

	private ValidityMonths() {
	}

	static int of(JsonNode value) {
		if (value == null || !value.isIntegralNumber() || !value.canConvertToInt()) {
			throw TokenErrors.validityOutOfRange();
		}
		int months = value.intValue();
		if (months < 1 || months > 12) {
			throw TokenErrors.validityOutOfRange();
		}
		return months;
	}

}
