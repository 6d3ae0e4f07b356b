package dev.warden.auth.twofactor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Ten single-use recovery codes of 24 characters from a 32-letter alphabet (120 bits
 * each), shown as {@code abcd-efgh-ijkm-npqr-stuv-wxyz}. Typed back with or without
 * dashes, in any case. Only SHA-256 of each is kept: at 120 bits (ASVS 5.0 6.5.2 asks for
 * 112) an unsalted fast hash cannot be reversed by search. Codes of the earlier
 * 16-character form still work until they are used or replaced.
 */
final class RecoveryCodes {

	static final int COUNT = 10;

	private static final int LENGTH = 24;

	private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

	private static final SecureRandom RANDOM = new SecureRandom();

	private RecoveryCodes() {
	}

	static List<String> generate() {
		List<String> codes = new ArrayList<>(COUNT);
		for (int i = 0; i < COUNT; i++) {
			StringBuilder code = new StringBuilder(LENGTH + LENGTH / 4);
			for (int c = 0; c < LENGTH; c++) {
				if (c > 0 && c % 4 == 0) {
					code.append('-');
				}
				code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
			}
			codes.add(code.toString());
		}
		return codes;
	}

	/**
	 * Whether the input could be a recovery code at all (24, or formerly 16,
	 * letters/digits once dashes go).
	 */
	static boolean looksLikeOne(String input) {
		return input != null && normalize(input).matches("[a-z0-9]{24}|[a-z0-9]{16}");
	}

	static String hash(String code) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256")
					.digest(normalize(code).getBytes(StandardCharsets.US_ASCII)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String normalize(String input) {
		return input.replace("-", "").replace(" ", "").toLowerCase(Locale.ROOT);
	}

}
