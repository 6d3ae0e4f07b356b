package dev.warden.event;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The fields many event types share, by the names every payload record gives them: who
 * acted ({@link ByActor}), from where ({@link FromClient}, {@link OnDevice}), about which
 * session or token ({@link AboutSession}, {@link AboutToken}). Read from any event's
 * data, whatever its type and however incomplete: for a reader that keeps every event,
 * such as the security log, and shows what it can.
 *
 * @param actorId who acted, when not the subject
 * @param ip the client's address
 * @param userAgent the client's User-Agent
 * @param sessionId the session's public id
 * @param tokenId the API token's id
 * @param browser the session's browser
 * @param os the session's operating system
 */
public record CommonFields(@Nullable String actorId, @Nullable String ip, @Nullable String userAgent,
		@Nullable String sessionId, @Nullable String tokenId, @Nullable String browser, @Nullable String os) {

	private static final CommonFields NONE = new CommonFields(null, null, null, null, null, null, null);

	/** The shared fields in {@code data}; a field of an unexpected kind is left out. */
	public static CommonFields of(@Nullable Map<String, Object> data) {
		if (data == null) {
			return NONE;
		}
		return new CommonFields(text(data, "actorId"), text(data, "ip"), text(data, "userAgent"),
				text(data, "sessionId"), text(data, "tokenId"), text(data, "browser"), text(data, "os"));
	}

	private static @Nullable String text(Map<String, Object> data, String field) {
		Object value = data.get(field);
		return (value instanceof String || value instanceof Number || value instanceof Boolean) ? value.toString()
				: null;
	}

}
