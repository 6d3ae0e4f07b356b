package dev.warden.session.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.warden.session.device.Device;

/**
 * Field names of the session hash, and the mapping between a {@link Session} and those
 * fields.
 */
final class SessionFields {

	static final String PUBLIC_ID = "pid";

	static final String USER_ID = "uid";

	static final String ROLES = "roles";

	static final String AUTH_METHODS = "amr";

	static final String CREATED = "created";

	static final String ACTIVE = "active";

	static final String AUTHENTICATED = "authAt";

	static final String ABSOLUTE_EXPIRY = "abs";

	static final String IP = "ip";

	static final String USER_AGENT = "ua";

	static final String BROWSER = "browser";

	static final String OS = "os";

	static final String DEVICE_TYPE = "device";

	static final String PASSWORD_CHANGE_REQUIRED = "pcr";

	static final String TWO_FACTOR_SETUP_REQUIRED = "tfr";

	/**
	 * Absent until auth-service attaches a grant; emptied (not deleted) by a renewal:
	 * empty is no grant.
	 */
	static final String GRANT = "grant";

	private SessionFields() {
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

	static Session fromHash(Map<String, String> fields) {
		return new Session(fields.get(PUBLIC_ID), fields.get(USER_ID), list(fields.get(ROLES)),
				list(fields.get(AUTH_METHODS)), instant(fields.get(CREATED)), instant(fields.get(ACTIVE)),
				instant(fields.get(AUTHENTICATED)), instant(fields.get(ABSOLUTE_EXPIRY)), fields.get(IP),
				fields.get(USER_AGENT), new Device(fields.get(BROWSER), fields.get(OS), fields.get(DEVICE_TYPE)),
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

	private static String grant(String value) {
		return (value == null || value.isEmpty()) ? null : value;
	}

	static String millis(Instant instant) {
		return Long.toString(instant.toEpochMilli());
	}

	private static Instant instant(String millis) {
		return Instant.ofEpochMilli(Long.parseLong(millis));
	}

	private static List<String> list(String joined) {
		return (joined == null || joined.isEmpty()) ? List.of() : Arrays.asList(joined.split(","));
	}

}
