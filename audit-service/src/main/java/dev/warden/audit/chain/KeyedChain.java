package dev.warden.audit.chain;

import java.util.Objects;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;
import org.jspecify.annotations.Nullable;

/**
 * The keys of the security log's chain, parsed once at start: the first configured key
 * links new entries, every configured key verifies the entries it linked (key rotation).
 * The keys live only in audit-service's configuration, never in the database, so a writer
 * of the database cannot compute a valid link. Without a key the service does not start.
 */
@Component
public final class KeyedChain {

	static final String ALGORITHM = "HmacSHA256";

	private final Map<String, SecretKeySpec> keys;

	private final String currentKeyId;

	private final JsonMapper json;

	KeyedChain(ChainProperties properties, JsonMapper json) {
		this.keys = ChainKeys.parse(properties.chainKeys());
		this.currentKeyId = this.keys.keySet().iterator().next();
		this.json = json;
	}

	/** The id of the key new entries are linked with. */
	public String currentKeyId() {
		return this.currentKeyId;
	}

	public Set<String> keyIds() {
		return this.keys.keySet();
	}

	/** A linker with the current key, for one batch. */
	public Linker current() {
		return Objects.requireNonNull(forKey(this.currentKeyId), "the current key is configured");
	}

	/**
	 * A linker with the key of this id, or {@code null} when no such key is configured.
	 */
	public @Nullable Linker forKey(@Nullable String keyId) {
		SecretKeySpec key = (keyId != null) ? this.keys.get(keyId) : null;
		if (keyId == null || key == null) {
			return null;
		}
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(key);
			return new Linker(keyId, mac, this.json);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 unavailable", ex);
		}
	}

}
