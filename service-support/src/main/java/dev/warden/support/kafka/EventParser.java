package dev.warden.support.kafka;

import dev.warden.event.CloudEvent;
import dev.warden.event.EventCatalogue;
import dev.warden.event.EventPayload;
import dev.warden.event.EventSources;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a Kafka record value as a CloudEvent, refusing anything malformed with
 * {@link MalformedEventException} and an event whose source does not own the topic it
 * came from with {@link UntrustedSourceException}.
 */
public final class EventParser {

	private final JsonMapper json;

	public EventParser(JsonMapper json) {
		this.json = json;
	}

	/**
	 * The event of a record read from {@code topic}, only if its {@code source} is that
	 * topic's owner.
	 */
	public CloudEvent parse(String topic, String value) {
		if (value == null || value.isBlank()) {
			throw new MalformedEventException("empty record");
		}
		CloudEvent event;
		try {
			event = this.json.readValue(value, CloudEvent.class);
		}
		catch (JacksonException ex) {
			// The parser's message may quote the payload; keep only the kind of failure.
			throw new MalformedEventException("not a CloudEvent JSON document: " + ex.getClass().getSimpleName());
		}
		if (event == null || !event.isWellFormed()) {
			throw new MalformedEventException("missing required CloudEvents attributes");
		}
		if (!EventSources.isOwner(topic, event.source())) {
			throw new UntrustedSourceException(topic, event.source());
		}
		if (!EventSources.belongsOn(topic, event.type())) {
			throw new UntrustedSourceException(topic, event.source(), event.type());
		}
		return event;
	}

	/**
	 * The event's data as the payload record its type has in the catalogue.
	 * @throws MalformedEventException if the type is not in the catalogue or the data
	 * does not have its shape (the record goes to the dead-letter topic)
	 */
	public EventPayload payload(CloudEvent event) {
		return payload(event,
				EventCatalogue.byType(event.type())
					.orElseThrow(() -> new MalformedEventException("unknown event type " + event.type()))
					.payload());
	}

	/**
	 * The event's data as this payload record.
	 * @throws MalformedEventException if the data does not have that shape (the record
	 * goes to the dead-letter topic)
	 */
	public <T extends EventPayload> T payload(CloudEvent event, Class<T> type) {
		try {
			return event.payload(type);
		}
		catch (IllegalArgumentException ex) {
			throw new MalformedEventException(event.type() + ": " + ex.getMessage());
		}
	}

}
