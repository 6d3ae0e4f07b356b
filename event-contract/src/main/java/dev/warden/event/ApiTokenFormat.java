package dev.warden.event;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * The API token format, part of the public contract because secret scanners and the
 * gateway rely on it. Made for secret scanners, like GitHub's: {@code wdn_}, 30 random
 * base62 characters (178 bits), and 6 base62 characters of CRC32 over the random part. A
 * leaked token is recognisable by its prefix, and a mistyped one fails the checksum
 * before any lookup. Only the SHA-256 of a token is stored: it is random and long, so a
 * fast hash is right (no password-style stretching needed).
 */
public final class ApiTokenFormat {

	public static final String PREFIX = "wdn_";

	public static final int RANDOM_LENGTH = 30;

	static final int CHECKSUM_LENGTH = 6;

	public static final int LENGTH = PREFIX.length() + RANDOM_LENGTH + CHECKSUM_LENGTH;

	private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

	private static final SecureRandom RANDOM = new SecureRandom();

	private ApiTokenFormat() {
	}

	public static String newToken() {
		StringBuilder random = new StringBuilder(RANDOM_LENGTH);
		for (int i = 0; i < RANDOM_LENGTH; i++) {
			random.append(BASE62.charAt(RANDOM.nextInt(BASE62.length())));
		}
		return PREFIX + random + checksum(random.toString());
	}

	/**
	 * Prefix, length, alphabet and checksum: everything that can be checked without a
	 * lookup.
	 */
	public static boolean isWellFormed(String token) {
		if (token == null || token.length() != LENGTH || !token.startsWith(PREFIX)) {
			return false;
		}
		for (int i = PREFIX.length(); i < LENGTH; i++) {
			if (BASE62.indexOf(token.charAt(i)) < 0) {
				return false;
			}
		}
		String random = token.substring(PREFIX.length(), PREFIX.length() + RANDOM_LENGTH);
		return checksum(random).equals(token.substring(PREFIX.length() + RANDOM_LENGTH));
	}

	/** What the store keeps: the token's SHA-256, hex. */
	public static String hash(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The last four characters, shown in the list so a user can tell tokens apart; not
	 * enough to guess one.
	 */
	public static String hint(String token) {
		return token.substring(token.length() - 4);
	}

	static String checksum(String random) {
		CRC32 crc = new CRC32();
		crc.update(random.getBytes(StandardCharsets.US_ASCII));
		long value = crc.getValue();
		char[] digits = new char[CHECKSUM_LENGTH];
		for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
			digits[i] = BASE62.charAt((int) (value % 62));
			value /= 62;
		}
		return new String(digits);
	}

}
