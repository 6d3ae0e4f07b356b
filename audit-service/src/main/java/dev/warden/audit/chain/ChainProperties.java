package dev.warden.audit.chain;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The keys of the security log's chain ({@code warden.audit.*}).
 *
 * @param chainKeys HMAC-SHA256 keys, {@code WARDEN_AUDIT_CHAINKEYS}: comma-separated
 * {@code id:base64key} pairs of 32 bytes each; the first chains new entries, all verify
 * (so a key can be rotated). Required.
 */
@ConfigurationProperties("warden.audit")
public record ChainProperties(String chainKeys) {

	public ChainProperties {
		chainKeys = chainKeys == null ? "" : chainKeys;
	}

	/** Names the key ids only: the keys never reach a log line or an error message. */
	@Override
	public String toString() {
		StringBuilder ids = new StringBuilder();
		for (String entry : this.chainKeys.split(",")) {
			int colon = entry.indexOf(':');
			if (!entry.isBlank()) {
				ids.append(ids.isEmpty() ? "" : ",").append(colon < 0 ? "?" : entry.substring(0, colon).strip());
			}
		}
		return "ChainProperties[keyIds=" + ids + "]";
	}
}
