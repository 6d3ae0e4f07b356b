package dev.warden.audit.chain;

import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.spec.SecretKeySpec;

/**
 * Parses {@code WARDEN_AUDIT_CHAINKEYS} ({@code id:base64key[,id:base64key...]}, the
 * format of {@code WARDEN_TWOFACTOR_KEYS}), in order: the first key is the one that
 * chains. Messages name the setting and the key id, never a key.
 */
final class ChainKeys {

	static final String SETTING = "WARDEN_AUDIT_CHAINKEYS (warden.audit.chain-keys)";

	private static final int KEY_BYTES = 32;

	private ChainKeys() {
	}

	static Map<String, SecretKeySpec> parse(String configured) {
		Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
		for (String entry : configured.split(",")) {
			if (entry.isBlank()) {
				continue;
			}
			int colon = entry.indexOf(':');
			if (colon < 1 || entry.substring(0, colon).isBlank()) {
				throw new IllegalStateException(SETTING + " entries are id:base64key");
			}
			String id = entry.substring(0, colon).strip();
			byte[] key;
			try {
				key = Base64.getDecoder().decode(entry.substring(colon + 1).strip());
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalStateException("Security log chain key " + id + " is not base64 (" + SETTING + ")");
			}
			if (key.length != KEY_BYTES) {
				throw new IllegalStateException("Security log chain key " + id + " is not 256 bits (" + SETTING + ")");
			}
			if (keys.putIfAbsent(id, new SecretKeySpec(key, KeyedChain.ALGORITHM)) != null) {
				throw new IllegalStateException("Security log chain key id " + id + " appears twice (" + SETTING + ")");
			}
		}
		if (keys.isEmpty()) {
			// Fail closed: without a key the log would be as easy to re-chain as an
			// unkeyed hash chain.
			throw new IllegalStateException("Refusing to start: " + SETTING + " is not set; give at least one"
					+ " id:base64(32 random bytes) key (deploy/new-secrets.sh prints one)");
		}
		return Collections.unmodifiableMap(keys);
	}

}
