package dev.warden.session.lifecycle;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Public session ids (128 bits from {@link SecureRandom}, base64url): what lists, URLs
 * and events name a session by. Unlike the cookie value, which auth-service makes and
 * session-service never sees, they are ours to make.
 */
final class PublicIds {

	/** Length of a public id in base64url characters (16 bytes). */
	static final int LENGTH = 22;

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{" + LENGTH + "}");

	private PublicIds() {
	}

	static String newId() {
		byte[] value = new byte[16];
		RANDOM.nextBytes(value);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
	}

	/**
	 * Whether a string has the shape of an id we issue, checked before any store lookup.
	 */
	static boolean isWellFormed(String value) {
		return value != null && SHAPE.matcher(value).matches();
	}

}
