package dev.warden.audit.chain;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.util.RawValue;

/**
 * An event's data as JSON with sorted keys at every level and every number in one plain
 * decimal form (no exponent, no trailing zeros: {@code 1.0E7}, {@code 10000000} and
 * {@code 10000000.0} are all {@code 10000000}), so the same row always gives the same
 * bytes whatever PostgreSQL's {@code jsonb} does to spacing, key order and numbers. The
 * data as the service received it and as the database gives it back have the same form.
 */
final class CanonicalJson {

	private CanonicalJson() {
	}

	static String of(Map<String, Object> data, JsonMapper json) {
		return json.writeValueAsString(canonical(data));
	}

	private static Object canonical(Object value) {
		if (value instanceof Map<?, ?> map) {
			TreeMap<String, Object> copy = new TreeMap<>();
			map.forEach((key, inner) -> copy.put(String.valueOf(key), canonical(inner)));
			return copy;
		}
		if (value instanceof List<?> list) {
			return list.stream().map(CanonicalJson::canonical).toList();
		}
		if (value instanceof Number number) {
			return number(number);
		}
		return value;
	}

	/**
	 * Written as it is in the JSON: the number's plain decimal form, or (NaN, infinities)
	 * the text JSON stores.
	 */
	static Object number(Number number) {
		if ((number instanceof Double d && !Double.isFinite(d)) || (number instanceof Float f && !Float.isFinite(f))) {
			return number.toString(); // not JSON numbers: stored as strings, and read
										// back as such
		}
		BigDecimal decimal = new BigDecimal(number.toString());
		return new RawValue(decimal.signum() == 0 ? "0" : decimal.stripTrailingZeros().toPlainString());
	}

}
