package dev.warden.auth.twofactor;

import java.nio.ByteBuffer;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.OptionalLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 time-based one-time passwords over RFC 4226 HOTP: HMAC of the time step,
 * dynamic truncation, modulo 10^digits. Warden uses SHA-1, 6 digits and 30 s steps, what
 * every authenticator app supports; the other algorithms exist so the RFC's own test
 * vectors (Appendix B) can be checked.
 */
public final class Totp {

	public static final int STEP_SECONDS = 30;

	public static final int DIGITS = 6;

	/**
	 * Steps accepted either side of now, for clock skew (RFC 6238 §5.2 recommends at most
	 * one).
	 */
	public static final int SKEW_STEPS = 1;

	private static final int[] POWERS = { 1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000 };

	private Totp() {
	}

	public static long step(Instant at) {
		return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
	}

	/** The 6-digit SHA-1 code for a time step. */
	public static String code(byte[] secret, long step) {
		return code(secret, step, "HmacSHA1", DIGITS);
	}

	static String code(byte[] secret, long step, String algorithm, int digits) {
		try {
			Mac mac = Mac.getInstance(algorithm);
			mac.init(new SecretKeySpec(secret, algorithm));
			byte[] hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
			int offset = hash[hash.length - 1] & 0x0f;
			int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
					| ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
			String code = Integer.toString(binary % POWERS[digits]);
			return "0".repeat(digits - code.length()) + code;
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The time step within ±{@link #SKEW_STEPS} of {@code now} whose code is
	 * {@code code}, compared in constant time; empty if none.
	 */
	public static OptionalLong matchingStep(byte[] secret, String code, Instant now) {
		if (code == null || code.length() != DIGITS || !code.chars().allMatch(Character::isDigit)) {
			return OptionalLong.empty();
		}
		long current = step(now);
		long found = Long.MIN_VALUE;
		for (long step = current - SKEW_STEPS; step <= current + SKEW_STEPS; step++) {
			if (java.security.MessageDigest.isEqual(code(secret, step).getBytes(), code.getBytes())
					&& found == Long.MIN_VALUE) {
				found = step;
			}
		}
		return found == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(found);
	}

}
