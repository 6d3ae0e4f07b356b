package dev.warden.auth.twofactor;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import dev.warden.support.problem.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.jspecify.annotations.Nullable;

/**
 * Encrypts TOTP secrets at rest with AES-256-GCM. The stored form is
 * {@code keyId.base64(iv || ciphertext)}: the key id travels with the ciphertext, so a
 * new key can take over encryption while old secrets still decrypt. The user id is bound
 * in as associated data, so a ciphertext copied to another user's row fails.
 */
@Component
public class SecretCipher {

	private static final Logger log = LoggerFactory.getLogger(SecretCipher.class);

	private static final int IV_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Map<String, SecretKey> keys = new LinkedHashMap<>();

	private final @Nullable String currentKeyId;

	SecretCipher(TwoFactorProperties properties) {
		for (String entry : properties.keys().split(",")) {
			if (entry.isBlank()) {
				continue;
			}
			int colon = entry.indexOf(':');
			if (colon < 1) {
				throw new IllegalStateException("WARDEN_TWOFACTOR_KEYS entries are id:base64key");
			}
			byte[] key = Base64.getDecoder().decode(entry.substring(colon + 1).strip());
			if (key.length != 32) {
				throw new IllegalStateException("Two-factor key " + entry.substring(0, colon) + " is not 256 bits");
			}
			this.keys.put(entry.substring(0, colon).strip(), new SecretKeySpec(key, "AES"));
		}
		this.currentKeyId = this.keys.isEmpty() ? null : this.keys.keySet().iterator().next();
		if (this.currentKeyId == null) {
			log.warn("WARDEN_TWOFACTOR_KEYS is not set: two-factor set-up is unavailable");
		}
	}

	public boolean configured() {
		return this.currentKeyId != null;
	}

	public String encrypt(byte[] secret, String userId) {
		requireConfigured();
		try {
			byte[] iv = new byte[IV_BYTES];
			RANDOM.nextBytes(iv);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.keys.get(this.currentKeyId), new GCMParameterSpec(TAG_BITS, iv));
			cipher.updateAAD(userId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(secret);
			return this.currentKeyId + "." + Base64.getEncoder()
				.encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM unavailable", ex);
		}
	}

	public byte[] decrypt(String stored, String userId) {
		int dot = stored.indexOf('.');
		SecretKey key = dot < 1 ? null : this.keys.get(stored.substring(0, dot));
		if (key == null) {
			throw new IllegalStateException("No key to decrypt a two-factor secret (key id missing or unknown)");
		}
		try {
			byte[] box = Base64.getDecoder().decode(stored.substring(dot + 1));
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, box, 0, IV_BYTES));
			cipher.updateAAD(userId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
			return cipher.doFinal(box, IV_BYTES, box.length - IV_BYTES);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("A two-factor secret failed its integrity check", ex);
		}
	}

	private void requireConfigured() {
		if (!configured()) {
			throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "two_factor_unavailable",
					"Two-factor authentication unavailable",
					"Two-factor authentication is not configured on this server (WARDEN_TWOFACTOR_KEYS).");
		}
	}

}
