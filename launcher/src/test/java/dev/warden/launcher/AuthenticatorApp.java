package dev.warden.launcher;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What an authenticator app shows for a base32 secret (RFC 6238: HMAC-SHA1, 6 digits, 30
 * s steps).
 */
final class AuthenticatorApp {

	private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

	private AuthenticatorApp() {
	}

	/** The code {@code offset} steps from now. */
	static String code(String base32, int offset) throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		int buffer = 0;
		int bits = 0;
		for (char c : base32.replace(" ", "").toUpperCase().toCharArray()) {
			buffer = (buffer << 5) | BASE32.indexOf(c);
			bits += 5;
			if (bits >= 8) {
				bytes.write((buffer >> (bits - 8)) & 0xff);
				bits -= 8;
			}
		}
		Mac mac = Mac.getInstance("HmacSHA1");
		mac.init(new SecretKeySpec(bytes.toByteArray(), "HmacSHA1"));
		long step = Instant.now().getEpochSecond() / 30 + offset;
		byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
		int at = hash[hash.length - 1] & 0x0f;
		int binary = ((hash[at] & 0x7f) << 24) | ((hash[at + 1] & 0xff) << 16) | ((hash[at + 2] & 0xff) << 8)
				| (hash[at + 3] & 0xff);
		return String.format("%06d", binary % 1_000_000);
	}

}
