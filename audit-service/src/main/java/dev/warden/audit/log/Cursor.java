package dev.warden.audit.log;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.warden.support.problem.Problems;
import org.jspecify.annotations.Nullable;

/**
 * An opaque page cursor: the position after which the next page starts. A forged or
 * mangled one is a 400.
 */
final class Cursor {

	private Cursor() {
	}

	static String encode(long seq) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(("s" + seq).getBytes(StandardCharsets.US_ASCII));
	}

	static @Nullable Long decode(@Nullable String cursor) {
		if (cursor == null || cursor.isBlank()) {
			return null;
		}
		try {
			String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
			if (!raw.startsWith("s")) {
				throw new IllegalArgumentException(raw);
			}
			return Long.parseLong(raw.substring(1));
		}
		catch (IllegalArgumentException ex) {
			throw Problems.badRequest("invalid_cursor", "This page cursor is not valid; start from the first page.");
		}
	}

}
