package dev.warden.event;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * One security event in the CloudEvents 1.0 structured JSON mode, the single envelope
 * every Warden topic carries (CloudEvents 1.0 §3, JSON event format §3.1).
 *
 * <p>
 * {@code data} never holds a password, secret, session cookie, TOTP secret or raw API
 * token. Unknown envelope attributes are ignored so producers can add extensions without
 * breaking consumers.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CloudEvent(String specversion, String id, String source, String type, Instant time,
		@Nullable String subject, String datacontenttype, Map<String, Object> data) {

	public static final String SPEC_VERSION = "1.0";

	public static final String JSON = "application/json";

	public CloudEvent {
		data = withoutNulls(data);
	}

	/**
	 * An unknown value (a request without a User-Agent) is left out rather than sent as
	 * {@code null}.
	 */
	private static Map<String, Object> withoutNulls(Map<String, Object> data) {
		if (data == null) {
			return Map.of();
		}
		java.util.LinkedHashMap<String, Object> copy = new java.util.LinkedHashMap<>();
		data.forEach((key, value) -> {
			if (key != null && value != null) {
				copy.put(key, value);
			}
		});
		return java.util.Collections.unmodifiableMap(copy);
	}

	/**
	 * A new event with a fresh id, stamped now; {@code subject} is the user id and the
	 * Kafka key.
	 */
	public static CloudEvent of(String source, String type, @Nullable String subject, Map<String, Object> data) {
		return new CloudEvent(SPEC_VERSION, UUID.randomUUID().toString(), source, type, Instant.now(), subject, JSON,
				data);
	}

	/**
	 * A new event with this payload, of the type the {@link EventCatalogue} gives it,
	 * with a fresh id, stamped now; {@code subject} is the user id and the Kafka key.
	 */
	public static CloudEvent of(String source, @Nullable String subject, EventPayload payload) {
		return of(source, EventCatalogue.typeOf(payload), subject, EventData.of(payload));
	}

	/**
	 * The data as its type's payload record.
	 * @throws IllegalArgumentException if the type is not in the catalogue or the data
	 * does not have its shape
	 */
	public EventPayload payload() {
		return EventData.read(this.data,
				EventCatalogue.byType(this.type)
					.orElseThrow(() -> new IllegalArgumentException("unknown event type " + this.type))
					.payload());
	}

	/**
	 * The data as this payload record.
	 * @throws IllegalArgumentException if the data does not have its shape
	 */
	public <T extends EventPayload> T payload(Class<T> type) {
		return EventData.read(this.data, type);
	}

	/**
	 * Whether the required envelope attributes (CloudEvents 1.0 §3.1: id, source,
	 * specversion, type) are present and the spec version is one this contract
	 * understands.
	 */
	public boolean isWellFormed() {
		return SPEC_VERSION.equals(specversion) && notBlank(id) && notBlank(source) && notBlank(type) && time != null;
	}

	private static boolean notBlank(String value) {
		return value != null && !value.isBlank();
	}
}
