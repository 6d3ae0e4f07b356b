package dev.warden.support.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * AES-256-GCM under a ring of named keys, from configuration such as
 * {@code WARDEN_TWOFACTOR_KEYS}: {@code id:base64(32 bytes),...}. The first key seals;
 * every key opens. A sealed value is {@code keyId.base64(iv || ciphertext)}: the key id
 * travels with it, so a new key can take over while older values still open. What it is
 * bound to (a user id) goes in as associated data, so a value copied elsewhere fails.
 */
public final class KeyedCipher {

	private static final int IV_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Map<String, SecretKey> keys = new LinkedHashMap<>();

	private final @Nullable String currentKeyId;

	private final String setting;

	/**
	 * @param configured the keys, {@code id:base64,...}; empty: none
	 * @param setting the variable they come from, for error messages
	 */
	public KeyedCipher(String configured, String setting) {
		this.setting = setting;
		for (String entry : configured.split(",")) {
			if (entry.isBlank()) {
				continue;
			}
			int colon = entry.indexOf(':');
			if (colon < 1) {
				throw new IllegalStateException(setting + " entries are id:base64key");
			}
			String id = entry.substring(0, colon).strip();
			if (!id.matches("[A-Za-z0-9_-]+")) {
				throw new IllegalStateException(setting + ": key ids are letters, digits, '_' and '-'");
			}
			byte[] key = Base64.getDecoder().decode(entry.substring(colon + 1).strip());
			if (key.length != 32) {
				throw new IllegalStateException(setting + ": key " + id + " is not 256 bits");
			}
			this.keys.put(id, new SecretKeySpec(key, "AES"));
		}
		this.currentKeyId = this.keys.isEmpty() ? null : this.keys.keySet().iterator().next();
	}

	public boolean configured() {
		return this.currentKeyId != null;
	}

	/** Seals {@code plain}, bound to {@code boundTo}, under the first key. */
	public String seal(byte[] plain, String boundTo) {
		if (this.currentKeyId == null) {
			throw new IllegalStateException(this.setting + " is not set");
		}
		try {
			byte[] iv = new byte[IV_BYTES];
			RANDOM.nextBytes(iv);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.keys.get(this.currentKeyId), new GCMParameterSpec(TAG_BITS, iv));
			cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(plain);
			return this.currentKeyId + "." + Base64.getEncoder()
				.encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM unavailable", ex);
		}
	}

	/**
	 * Opens a sealed value bound to {@code boundTo}.
	 * @throws UnopenableException when no key here opens it, or it was altered or bound
	 * to something else
	 */
	public byte[] open(String sealed, String boundTo) {
		int dot = sealed.indexOf('.');
		SecretKey key = dot < 1 ? null : this.keys.get(sealed.substring(0, dot));
		if (key == null) {
			throw new UnopenableException(
					"No key for this value (key id missing or unknown; see " + this.setting + ")");
		}
		try {
			byte[] box = Base64.getDecoder().decode(sealed.substring(dot + 1));
			if (box.length < IV_BYTES + TAG_BITS / 8) {
				throw new UnopenableException("The value is too short to be sealed");
			}
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, box, 0, IV_BYTES));
			cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
			return cipher.doFinal(box, IV_BYTES, box.length - IV_BYTES);
		}
		catch (IllegalArgumentException | GeneralSecurityException ex) {
			throw new UnopenableException("The value failed its integrity check", ex);
		}
	}

	/**
	 * A sealed value that cannot be opened here: unknown key, altered, or bound
	 * elsewhere.
	 */
	public static final class UnopenableException extends RuntimeException {

		UnopenableException(String message) {
			super(message);
		}

		UnopenableException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
