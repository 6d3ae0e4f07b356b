package dev.warden.audit.chain;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.json.JsonMapper;

/**
 * An event's data as JSON with sorted keys at every level, so the same row always gives the same bytes whatever
 * PostgreSQL's {@code jsonb} does to spacing and key order.
 */
final class CanonicalJson {

	private CanonicalJson() {
	}

	static String of(Map<String, Object> data, JsonMapper json) {
		return json.writeValueAsString(sorted(data));
	}

	private static Object sorted(Object value) {
		if (value instanceof Map<?, ?> map) {
			TreeMap<String, Object> copy = new TreeMap<>();
			map.forEach((key, inner) -> copy.put(String.valueOf(key), sorted(inner)));
			return copy;
		}
		if (value instanceof List<?> list) {
			return list.stream().map(CanonicalJson::sorted).toList();
		}
		return value;
	}
}
