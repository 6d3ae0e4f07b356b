package dev.warden.audit.log;

import java.util.Map;

import dev.warden.event.EventCatalogue;
import dev.warden.event.EventData;
import dev.warden.event.EventPayload;
import org.jspecify.annotations.Nullable;

/**
 * A logged event's data as its payload record, when it has that shape. The log keeps
 * whatever arrived, so an entry from an older producer or a malformed one is shown
 * without the details rather than refused.
 */
final class StoredPayloads {

	private StoredPayloads() {
	}

	static @Nullable EventPayload read(String type, @Nullable Map<String, Object> data) {
		if (data == null) {
			return null;
		}
		return EventCatalogue.byType(type).map((entry) -> {
			try {
				return (EventPayload) EventData.read(data, entry.payload());
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
		}).orElse(null);
	}

}
