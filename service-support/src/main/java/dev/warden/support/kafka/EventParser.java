package dev.warden.support.kafka;

import dev.warden.event.CloudEvent;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Reads a Kafka record value as a CloudEvent, refusing anything malformed with {@link MalformedEventException}. */
public final class EventParser {

	private final JsonMapper json;

	public EventParser(JsonMapper json) {
		this.json = json;
	}

	public CloudEvent parse(String value) {
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
		return event;
	}
}
