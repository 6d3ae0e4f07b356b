package dev.warden.auth.password.reset;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.commons.codec.binary.Base32;

/**
 * A reset code: 24 base-32 characters (120 random bits), shown in groups of four. The
 * first 8 name the reset (its row, so a wrong code can be counted against its account);
 * the other 16 are the secret (80 bits), stored only as its SHA-256. The same code goes
 * in the mail's link.
 */
record ResetCode(String id, String secret) {

	static final int ID_CHARS = 8;

	static final int SECRET_CHARS = 16;

	private static final Pattern SHAPE = Pattern.compile("[A-Z2-7]{" + (ID_CHARS + SECRET_CHARS) + "}");

	private static final SecureRandom RANDOM = new SecureRandom();

	static ResetCode generate() {
		byte[] random = new byte[15];
		RANDOM.nextBytes(random);
		String text = new Base32().encodeToString(random);
		return new ResetCode(text.substring(0, ID_CHARS), text.substring(ID_CHARS, ID_CHARS + SECRET_CHARS));
	}

	/**
	 * The code as typed or pasted: case, spaces and dashes do not matter; anything else
	 * of the wrong shape is no code.
	 */
	static Optional<ResetCode> parse(String typed) {
		String plain = typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
		if (!SHAPE.matcher(plain).matches()) {
			return Optional.empty();
		}
		return Optional.of(new ResetCode(plain.substring(0, ID_CHARS), plain.substring(ID_CHARS)));
	}

	/** "ABCD-EFGH-…": for the mail, to read and type. */
	String text() {
		return (this.id + this.secret).replaceAll("(.{4})(?=.)", "$1-");
	}

	byte[] secretHash() {
		try {
			return MessageDigest.getInstance("SHA-256").digest(this.secret.getBytes(StandardCharsets.US_ASCII));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	boolean secretMatches(byte[] storedHash) {
		return MessageDigest.isEqual(secretHash(), storedHash);
	}

	@Override
	public String toString() {
		return "ResetCode[id=" + this.id + "]";
	}

}
