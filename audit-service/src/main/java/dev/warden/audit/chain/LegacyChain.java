package dev.warden.audit.chain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import tools.jackson.databind.json.JsonMapper;

/**
 * The chain of entries written before keys:
 * {@code SHA-256(previous ‖ "\n" ‖ fields joined by "\n")}, the data as sorted JSON and
 * the time in epoch milliseconds. Anyone who can write the database can recompute it, so
 * it is only read: to check the entries linked before keys (never re-linked: they stay as
 * they are) and say where their chain breaks.
 */
public final class LegacyChain {

	/** Where a chain starts when nothing came before it. */
	public static final String GENESIS = "0".repeat(64);

	private LegacyChain() {
	}

	public static String hash(String previous, ChainEntry entry, JsonMapper json) {
		String canonical = String.join("\n", entry.eventId(), entry.type(), entry.source(),
				entry.userId() == null ? "" : entry.userId(), Long.toString(entry.occurredAt().toEpochMilli()),
				CanonicalJson.of(entry.data(), json));
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			sha.update(previous.getBytes(StandardCharsets.US_ASCII));
			sha.update((byte) '\n');
			sha.update(canonical.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(sha.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
