package dev.warden.notification.template;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What a value may look like once it is in a mail: one line, no control or
 * direction-changing characters.
 */
final class MailText {

	private MailText() {
	}

	/**
	 * {@code value} with every run of line breaks, control characters (C0, DEL, C1),
	 * Unicode line and paragraph separators and bidirectional overrides and isolates
	 * replaced by one space.
	 */
	static String singleLine(String value) {
		StringBuilder out = new StringBuilder(value.length());
		boolean replacing = false;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (breaksTheLine(c)) {
				if (!replacing) {
					out.append(' ');
				}
				replacing = true;
			}
			else {
				out.append(c);
				replacing = false;
			}
		}
		return out.toString();
	}

	static boolean breaksTheLine(char c) {
		return Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || (c >= '\u202A' && c <= '\u202E')
				|| (c >= '\u2066' && c <= '\u2069');
	}

	/**
	 * The data with every text in it (also inside lists and maps) made {@link #singleLine
	 * single-line}.
	 */
	static Map<String, Object> singleLineValues(Map<String, Object> data) {
		Map<String, Object> safe = new LinkedHashMap<>();
		data.forEach((key, value) -> safe.put(key, clean(value)));
		return safe;
	}

	@SuppressWarnings("unchecked")
	private static Object clean(Object value) {
		if (value instanceof String text) {
			return singleLine(text);
		}
		if (value instanceof Map<?, ?> map) {
			return singleLineValues((Map<String, Object>) map);
		}
		if (value instanceof Collection<?> list) {
			return list.stream().map(MailText::clean).toList();
		}
		return value;
	}

	/** Each value of the data that is an ISO-8601 instant, formatted for the reader. */
	static Map<String, String> instants(Map<String, Object> data, Function<Instant, String> format) {
		Map<String, String> formatted = new LinkedHashMap<>();
		data.forEach((key, value) -> {
			if (value instanceof String text && text.length() >= 20 && Character.isDigit(text.charAt(0))) {
				try {
					formatted.put(key, format.apply(Instant.parse(text)));
				}
				catch (DateTimeParseException ex) {
					// not an instant: shown only as the template decides
				}
			}
		});
		return formatted;
	}

}
