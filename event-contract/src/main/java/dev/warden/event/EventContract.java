package dev.warden.event;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;

/**
 * Checks an event as it travels against the published contract: the CloudEvents envelope
 * and the JSON Schema of its type's data ({@code schemas/<type>.json} in this jar). For
 * tests and for consumers that want to check what they receive; it needs
 * {@code com.networknt:json-schema-validator} on the class path.
 */
public final class EventContract {

	private static final SchemaRegistry REGISTRY = SchemaRegistry
		.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

	private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

	private EventContract() {
	}

	/** What is wrong with this event (a CloudEvent in JSON); empty if nothing. */
	public static List<String> violations(JsonNode event) {
		List<String> violations = new ArrayList<>();
		for (String attribute : List.of("specversion", "id", "source", "type", "time", "datacontenttype")) {
			if (!event.path(attribute).isString() || event.path(attribute).asString().isBlank()) {
				violations.add("envelope: " + attribute + " is missing");
			}
		}
		if (!CloudEvent.SPEC_VERSION.equals(event.path("specversion").asString(""))) {
			violations.add("envelope: specversion is not " + CloudEvent.SPEC_VERSION);
		}
		String type = event.path("type").asString("");
		if (!EventTypes.isKnown(type)) {
			violations.add("envelope: type " + type + " is not in the catalogue");
			return violations;
		}
		violations.addAll(violations(type, event.path("data")));
		return violations;
	}

	/** What is wrong with this data for an event of {@code type}; empty if nothing. */
	public static List<String> violations(String type, JsonNode data) {
		if (!EventTypes.isKnown(type)) {
			return List.of("type " + type + " is not in the catalogue");
		}
		return SCHEMAS.computeIfAbsent(type, EventContract::load)
			.validate(data)
			.stream()
			.map((error) -> type + ": " + error)
			.toList();
	}

	private static Schema load(String type) {
		InputStream schema = EventContract.class.getResourceAsStream("/schemas/" + type + ".json");
		if (schema == null) {
			throw new IllegalStateException("No schema for " + type + " in the event contract");
		}
		return REGISTRY.getSchema(schema);
	}

}
