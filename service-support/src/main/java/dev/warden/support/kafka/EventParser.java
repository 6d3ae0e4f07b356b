package dev.warden.support.kafka;

import dev.warden.event.CloudEvent;
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

}
