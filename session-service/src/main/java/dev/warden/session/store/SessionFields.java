package dev.warden.session.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.warden.session.device.Device;
import org.jspecify.annotations.Nullable;

/**
 * Field names of the session hash, defined here only, and the mapping between a
 * {@link Session} and those fields. The names are short because every gateway request
 * reads them all; the Lua scripts get them from {@link #luaTable()} rather than spelling
 * them again. Times are epoch milliseconds.
 */
final class SessionFields {

	/** {@code pid}: the public id, the session's name in lists, events and URLs. */
	static final String PUBLIC_ID = "pid";

	/** {@code uid}: the id of the user the session belongs to. */
	static final String USER_ID = "uid";

	/** Comma-separated roles. */
	static final String ROLES = "roles";

	/** {@code amr}: comma-separated authentication methods proven (RFC 8176 names). */
	static final String AUTH_METHODS = "amr";

	/** When the session was opened. */
	static final String CREATED = "created";

	/** When the session was last used; the idle timeout counts from here. */
	static final String ACTIVE = "active";

	/** {@code authAt}: when the user last proved who they are (password or code). */
	static final String AUTHENTICATED = "authAt";

	/** {@code abs}: the absolute expiry, after which no activity keeps the session. */
	static final String ABSOLUTE_EXPIRY = "abs";

	/** The client address the session was opened from. */
	static final String IP = "ip";

	/** {@code ua}: the User-Agent the session was opened with. */
	static final String USER_AGENT = "ua";

	static final String BROWSER = "browser";

	static final String OS = "os";

	static final String DEVICE_TYPE = "device";

	/** {@code pcr}: password change required before anything else. */
	static final String PASSWORD_CHANGE_REQUIRED = "pcr";

	/** {@code tfr}: two-factor set-up required before anything else. */
	static final String TWO_FACTOR_SETUP_REQUIRED = "tfr";

	/**
	 * Absent until auth-service attaches a grant; emptied (not deleted) by a renewal:
	 * empty is no grant.
	 */
	static final String GRANT = "grant";

	/** The fields the scripts read or write, by the names the scripts use. */
	private static final Map<String, String> SCRIPT_NAMES = Map.of("publicId", PUBLIC_ID, "userId", USER_ID, "active",
			ACTIVE, "absoluteExpiry", ABSOLUTE_EXPIRY, "grant", GRANT, "eventKey", QueuedEvent.KEY_FIELD, "eventJson",
			QueuedEvent.EVENT_FIELD);

	private SessionFields() {
	}

	/**
	 * A Lua statement defining the table {@code FIELD} with the field names the scripts
	 * use ({@code FIELD.publicId}, ...); it is put before each script's text.
	 */
	static String luaTable() {
		StringBuilder table = new StringBuilder("local FIELD = {");
		new TreeMap<>(SCRIPT_NAMES)
			.forEach((name, field) -> table.append(name).append(" = '").append(field).append("', "));
		return table.append("}\n").toString();
	}

	static Map<String, String> toHash(Session session) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put(PUBLIC_ID, session.publicId());
		fields.put(USER_ID, session.userId());
		fields.put(ROLES, String.join(",", session.roles()));
		fields.put(AUTH_METHODS, String.join(",", session.authMethods()));
		fields.put(CREATED, millis(session.createdAt()));
		fields.put(ACTIVE, millis(session.lastActiveAt()));
		fields.put(AUTHENTICATED, millis(session.authenticatedAt()));
		fields.put(ABSOLUTE_EXPIRY, millis(session.absoluteExpiresAt()));
		fields.put(IP, session.ip());
		fields.put(USER_AGENT, session.userAgent());
		fields.put(BROWSER, session.device().browser());
		fields.put(OS, session.device().os());
		fields.put(DEVICE_TYPE, session.device().deviceType());
		fields.put(PASSWORD_CHANGE_REQUIRED, Boolean.toString(session.passwordChangeRequired()));
		fields.put(TWO_FACTOR_SETUP_REQUIRED, Boolean.toString(session.twoFactorSetupRequired()));
		if (session.grant() != null) {
			fields.put(GRANT, session.grant());
		}
		return fields;
	}

	/** The fields a renewal sets, as a flat field/value list for a script's arguments. */
	static List<String> changes(SessionChanges changes) {
		List<String> flat = new ArrayList<>();
		if (changes.authMethods() != null && !changes.authMethods().isEmpty()) {
			flat.add(AUTH_METHODS);
			flat.add(String.join(",", changes.authMethods()));
		}
		if (changes.authenticatedAt() != null) {
			flat.add(AUTHENTICATED);
			flat.add(millis(changes.authenticatedAt()));
		}
		if (changes.passwordChangeRequired() != null) {
			flat.add(PASSWORD_CHANGE_REQUIRED);
			flat.add(changes.passwordChangeRequired().toString());
		}
		if (changes.twoFactorSetupRequired() != null) {
			flat.add(TWO_FACTOR_SETUP_REQUIRED);
			flat.add(changes.twoFactorSetupRequired().toString());
		}
		return flat;
	}

	static Session fromHash(Map<String, String> fields) {
		return new Session(required(fields, PUBLIC_ID), required(fields, USER_ID), list(fields.get(ROLES)),
				list(fields.get(AUTH_METHODS)), instant(required(fields, CREATED)), instant(required(fields, ACTIVE)),
				instant(required(fields, AUTHENTICATED)), instant(required(fields, ABSOLUTE_EXPIRY)), fields.get(IP),
				fields.get(USER_AGENT),
				new Device(fields.getOrDefault(BROWSER, ""), fields.getOrDefault(OS, ""),
						fields.getOrDefault(DEVICE_TYPE, "")),
				Boolean.parseBoolean(fields.get(PASSWORD_CHANGE_REQUIRED)),
				// Absent in sessions opened before the flag existed: not held to the
				// set-up.
				Boolean.parseBoolean(fields.get(TWO_FACTOR_SETUP_REQUIRED)), grant(fields.get(GRANT)));
	}

	/**
	 * A flat field/value list as Redis returns HGETALL and as scripts take HSET
	 * arguments.
	 */
	static Map<String, String> fromFlatList(List<?> flat) {
		Map<String, String> fields = new LinkedHashMap<>();
		for (int i = 0; i + 1 < flat.size(); i += 2) {
			fields.put(text(flat.get(i)), text(flat.get(i + 1)));
		}
		return fields;
	}

	/**
	 * Script replies may come back as raw bytes, depending on the driver's reply
	 * conversion.
	 */
	static String text(Object value) {
		return (value instanceof byte[] bytes) ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
				: String.valueOf(value);
	}

	private static String required(Map<String, String> fields, String name) {
		String value = fields.get(name);
		if (value == null) {
			throw new IllegalStateException("Stored session without its " + name + " field");
		}
		return value;
	}

	private static @Nullable String grant(@Nullable String value) {
		return (value == null || value.isEmpty()) ? null : value;
	}

	static String millis(Instant instant) {
		return Long.toString(instant.toEpochMilli());
	}

	private static Instant instant(String millis) {
		return Instant.ofEpochMilli(Long.parseLong(millis));
	}

	private static List<String> list(@Nullable String joined) {
		return (joined == null || joined.isEmpty()) ? List.of() : Arrays.asList(joined.split(","));
	}

}
