package dev.warden.audit.log;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import dev.warden.event.EventTypes;

/**
 * What a person filters their log by: the event types that belong to one part of the
 * Security page. A type no kind names still shows when the log is not filtered.
 */
public enum LogKind {

	SIGN_IN("sign-in", "warden.login.", EventTypes.LOGOUT),

	PASSWORD("password", "warden.password."),

	TWO_FACTOR("two-factor", "warden.two-factor.", "warden.passkey."),

	SESSIONS("sessions", "warden.session."),

	TOKENS("tokens", "warden.token."),

	ACCOUNT("account", "warden.account.", "warden.user.");

	/** The values the API accepts, for its validation and its description. */
	public static final String PATTERN = "sign-in|password|two-factor|sessions|tokens|account";

	private final String value;

	private final List<String> types;

	LogKind(String value, String... types) {
		this.value = value;
		this.types = List.of(types);
	}

	public String value() {
		return this.value;
	}

	/**
	 * What a type must match, as SQL {@code LIKE} patterns: a type ending in a dot is a
	 * prefix, any other exactly itself (types have no {@code %} or {@code _}).
	 */
	List<String> likePatterns() {
		return this.types.stream().map((type) -> type.endsWith(".") ? type + "%" : type).toList();
	}

	boolean includes(String type) {
		return this.types.stream().anyMatch((t) -> t.endsWith(".") ? type.startsWith(t) : type.equals(t));
	}

	public static Optional<LogKind> of(String value) {
		return Arrays.stream(values()).filter((kind) -> kind.value.equals(value)).findFirst();
	}

}
