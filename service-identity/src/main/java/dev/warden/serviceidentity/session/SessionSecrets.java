package dev.warden.serviceidentity.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Session cookie values (256 bits from {@link SecureRandom}, base64url), made by
 * auth-service, and the SHA-256 under which everyone else knows them: session-service
 * stores and the gateway asks by the hash only, so neither the store nor a service that
 * reads it ever holds a usable cookie. A fast hash is right: the value has full entropy.
 */
public final class SessionSecrets {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	/** Length of a cookie value, and of its hash, in base64url characters (32 bytes). */
	public static final int LENGTH = 43;

	private SessionSecrets() {
	}

	public static String newSecret() {
		byte[] value = new byte[32];
		RANDOM.nextBytes(value);
		return BASE64URL.encodeToString(value);
	}

	/** The base64url SHA-256 of a cookie value. */
	public static String hash(String secret) {
		try {
			return BASE64URL.encodeToString(
					MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

	/**
	 * Whether a value has the shape of a cookie value (or its hash): 43 base64url
	 * characters.
	 */
	public static boolean isWellFormed(String value) {
		if (value == null || value.length() != LENGTH) {
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

}
