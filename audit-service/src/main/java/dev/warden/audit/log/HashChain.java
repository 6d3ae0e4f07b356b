package dev.warden.audit.log;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.json.JsonMapper;

/**
 * {@code hash = SHA-256(previous hash ‖ canonical event)}. The canonical form is fixed field order with the data
 * as JSON with sorted keys, so the same row always gives the same bytes whatever PostgreSQL's {@code jsonb} does
 * to spacing and key order.
 */
final class HashChain {

	static final String GENESIS = "0".repeat(64);

	private HashChain() {
	}

	static String hash(String previous, String eventId, String type, String source, String userId,
			Instant occurredAt, Map<String, Object> data, JsonMapper json) {
		String canonical = String.join("\n", eventId, type, source, userId == null ? "" : userId,
				Long.toString(occurredAt.toEpochMilli()), json.writeValueAsString(sorted(data)));
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

	@SuppressWarnings("unchecked")
	private static Object sorted(Object value) {
		if (value instanceof Map<?, ?> map) {
			TreeMap<String, Object> copy = new TreeMap<>();
			map.forEach((key, inner) -> copy.put(String.valueOf(key), sorted(inner)));
			return copy;
		}
		if (value instanceof java.util.List<?> list) {
			return list.stream().map(HashChain::sorted).toList();
		}
		return value;
	}
}
