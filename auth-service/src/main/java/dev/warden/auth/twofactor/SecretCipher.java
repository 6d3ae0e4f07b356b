package dev.warden.auth.twofactor;

import dev.warden.support.crypto.KeyedCipher;
import dev.warden.support.problem.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Encrypts TOTP secrets at rest with AES-256-GCM ({@link KeyedCipher}): the stored form
 * is {@code keyId.base64(iv || ciphertext)}, so a new key can take over encryption while
 * old secrets still decrypt. The user id is bound in as associated data, so a ciphertext
 * copied to another user's row fails.
 */
@Component
public class SecretCipher {

	private static final Logger log = LoggerFactory.getLogger(SecretCipher.class);

	private final KeyedCipher cipher;

	SecretCipher(TwoFactorProperties properties) {
		this.cipher = new KeyedCipher(properties.keys(), "WARDEN_TWOFACTOR_KEYS");
		if (!this.cipher.configured()) {
			log.warn("WARDEN_TWOFACTOR_KEYS is not set: two-factor set-up is unavailable");
		}
	}

	public boolean configured() {
		return this.cipher.configured();
	}

	public String encrypt(byte[] secret, String userId) {
		if (!configured()) {
			throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "two_factor_unavailable",
					"Two-factor authentication unavailable",
					"Two-factor authentication is not configured on this server (WARDEN_TWOFACTOR_KEYS).");
		}
		return this.cipher.seal(secret, userId);
	}

	public byte[] decrypt(String stored, String userId) {
		try {
			return this.cipher.open(stored, userId);
		}
		catch (KeyedCipher.UnopenableException ex) {
			throw new IllegalStateException("A two-factor secret cannot be decrypted: " + ex.getMessage(), ex);
		}
	}

}
