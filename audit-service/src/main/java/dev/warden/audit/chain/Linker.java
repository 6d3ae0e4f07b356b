package dev.warden.audit.chain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

import javax.crypto.Mac;

import tools.jackson.databind.json.JsonMapper;
import org.jspecify.annotations.Nullable;

/**
 * Computes links with one key:
 * {@code HMAC-SHA256(key, field(seq) ‖ field(keyId) ‖ field(previous) ‖
 * field(eventId) ‖ field(type) ‖ field(source) ‖ field(userId) ‖ field(occurredAt) ‖ field(recordedAt) ‖
 * field(data))}, where {@code field} is the value's UTF-8 length as 4 bytes big-endian
 * followed by its bytes (an absent value is length {@code -1}, so it differs from an
 * empty one), {@code seq} and the times (epoch microseconds) are decimal, and the data is
 * canonical JSON ({@link CanonicalJson}). Length prefixes keep the encoding unambiguous
 * whatever a value contains. Also authenticates the chain's anchor ({@link #anchor}).
 * Holds one {@link Mac}: one instance per batch or per walk, never shared between
 * threads.
 */
public final class Linker {

	private static final HexFormat HEX = HexFormat.of();

	private final String keyId;

	private final Mac mac;

	private final JsonMapper json;

	private final byte[] length = new byte[4];

	Linker(String keyId, Mac mac, JsonMapper json) {
		this.keyId = keyId;
		this.mac = mac;
		this.json = json;
	}

	/** The id of the key this linker chains with, stored with each row it links. */
	public String keyId() {
		return this.keyId;
	}

	/**
	 * The chain value of {@code entry} following {@code previous}, as 64 lower-case hex
	 * digits.
	 */
	public String link(String previous, ChainEntry entry) {
		// Everything that can fail comes first, so the Mac is never left holding half an
		// entry.
		String data = CanonicalJson.of(entry.data(), this.json);
		String occurredAt = micros(entry.occurredAt());
		String recordedAt = micros(entry.recordedAt());
		try {
			field(Long.toString(entry.seq()));
			field(this.keyId);
			field(previous);
			field(entry.eventId());
			field(entry.type());
			field(entry.source());
			field(entry.userId());
			field(occurredAt);
			field(recordedAt);
			field(data);
			return HEX.formatHex(this.mac.doFinal());
		}
		finally {
			this.mac.reset();
		}
	}

	/**
	 * The value that authenticates the chain's anchor (where the first kept entry starts
	 * once retention removed older ones):
	 * {@code HMAC-SHA256(key, field("chain_anchor") ‖ field(seq) ‖ field(keyId) ‖ field(previous))}.
	 * An entry's link starts with its decimal {@code seq}, never {@code chain_anchor}, so
	 * neither passes for the other.
	 */
	public String anchor(long seq, String previous) {
		try {
			field("chain_anchor");
			field(Long.toString(seq));
			field(this.keyId);
			field(previous);
			return HEX.formatHex(this.mac.doFinal());
		}
		finally {
			this.mac.reset();
		}
	}

	private static @Nullable String micros(@Nullable Instant at) {
		return at == null ? null : Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, at));
	}

	private void field(@Nullable String value) {
		if (value == null) {
			lengthPrefix(-1);
			return;
		}
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		lengthPrefix(bytes.length);
		this.mac.update(bytes);
	}

	private void lengthPrefix(int value) {
		this.length[0] = (byte) (value >>> 24);
		this.length[1] = (byte) (value >>> 16);
		this.length[2] = (byte) (value >>> 8);
		this.length[3] = (byte) value;
		this.mac.update(this.length);
	}

}
