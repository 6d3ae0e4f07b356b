package dev.warden.session.manage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Session secrets (the cookie value: 256 bits from {@link SecureRandom}, base64url) and public ids (128 bits),
 * and the SHA-256 under which a secret is stored. A fast hash is right here: the secret has full entropy, so
 * there is nothing to brute-force.
 */
public final class SessionSecrets {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	/** Length of a secret in base64url characters (32 bytes). */
	public static final int SECRET_LENGTH = 43;

	/** Length of a public id in base64url characters (16 bytes). */
	public static final int PUBLIC_ID_LENGTH = 22;

	private SessionSecrets() {
	}

	public static String newSecret() {
		return random(32);
	}

	public static String newPublicId() {
		return random(16);
	}

	public static String hash(String secret) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII));
			return BASE64URL.encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

	/** Whether a string has the shape of an id we issue, checked before any store lookup. */
	public static boolean isWellFormed(String value, int length) {
		if (value == null || value.length() != length) {
			return false;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
					|| c == '_';
			if (!ok) {
				return false;
			}
		}
		return true;
	}

	private static String random(int bytes) {
		byte[] value = new byte[bytes];
		RANDOM.nextBytes(value);
		return BASE64URL.encodeToString(value);
	}
}
