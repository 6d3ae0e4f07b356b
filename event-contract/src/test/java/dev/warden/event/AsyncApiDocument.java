package dev.warden.event;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * The AsyncAPI 3.0 document of Warden's events ({@code docs/asyncapi.yaml}), made from
 * the catalogue: every topic and its dead-letter topic, every event type as a message
 * whose data is its JSON Schema, with the catalogue's example.
 */
final class AsyncApiDocument {

	private static final YAMLMapper YAML = YAMLMapper.builder()
		.disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
		.enable(YAMLWriteFeature.MINIMIZE_QUOTES)
		.enable(YAMLWriteFeature.LITERAL_BLOCK_STYLE)
		.enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
		.build();

	private static final Map<String, String> PRODUCERS = Map.of(Topics.AUTH_EVENTS, "auth-service",
			Topics.SESSION_EVENTS, "session-service", Topics.TOKEN_EVENTS, "token-service");

	private static final Map<String, List<String>> CONSUMERS = Map.of(Topics.AUTH_EVENTS,
			List.of("audit-service", "notification-service", "session-service", "token-service"), Topics.SESSION_EVENTS,
			List.of("audit-service", "notification-service", "gateway"), Topics.TOKEN_EVENTS,
			List.of("audit-service", "notification-service", "gateway"));

	private static final String DESCRIPTION = """
			Every security change in Warden is announced as a CloudEvent 1.0 in structured JSON mode: the Kafka
			record's value is the whole event, its key the user id the event is about (the `subject`), so all
			events about one user are in one partition, in the order they were committed.

			Delivery is at least once: a producer writes the event in the same transaction as the change it
			reports (auth-service and token-service through a transactional outbox, session-service in the same
			Redis script), and a relay hands it to Kafka. A consumer therefore deduplicates by the event `id`.

			A consumer believes an event only from the topic's owner (`source`) and only of a type that belongs on
			that topic. A record it cannot read - not JSON, not a CloudEvent, from another source, or, for a type
			it acts on, data that does not have the type's shape - goes to the topic's dead-letter topic
			(`<topic>-dlt`, same partition), with the reason in its headers, and the consumer moves on. The
			gateway, which only listens to forget revoked credentials, skips such a record; audit-service keeps
			every well-formed event from the topic's owner in the security log, whatever its data. A type a
			consumer does not handle, including one newer than the consumer, is not an error: it is skipped.

			An event's `data` never holds a password, a hash, a session cookie, a TOTP secret or an API token.
			A value that is unknown is left out rather than sent as null, and a reader ignores fields it does not
			know: producers may add fields without a new version of this document.
			""";

	private AsyncApiDocument() {
	}

	static String yaml() {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("asyncapi", "3.0.0");
		document.put("info",
				ordered("title", "Warden security events", "version", "1.0.0", "description", DESCRIPTION));
		document.put("defaultContentType", CloudEvent.JSON);
		document.put("servers",
				Map.of("kafka", ordered("host", "localhost:9092", "protocol", "kafka", "description",
						"Clients sign in with SASL SCRAM-SHA-512; each service's user may write only its own topic and"
								+ " read only the topics it consumes, in its own consumer groups.")));
		Map<String, Object> channels = new LinkedHashMap<>();
		Map<String, Object> operations = new LinkedHashMap<>();
		Map<String, Object> messages = new LinkedHashMap<>();
		for (String topic : Topics.ALL) {
			String name = channelName(topic);
			Map<String, Object> refs = new LinkedHashMap<>();
			for (EventCatalogue.Entry entry : EventCatalogue.all()) {
				if (entry.topic().filter(topic::equals).isPresent()) {
					refs.put(messageName(entry.type()),
							Map.of("$ref", "#/components/messages/" + messageName(entry.type())));
					messages.put(messageName(entry.type()), message(entry));
				}
			}
			channels.put(name, ordered("address", topic, "description", "Published by " + PRODUCERS.get(topic)
					+ "; read by " + String.join(", ", CONSUMERS.get(topic)) + ".", "messages", refs));
			channels.put(name + "DeadLetter",
					ordered("address", Topics.deadLetterOf(topic), "description", "Records of " + topic
							+ " a consumer could not read, as they arrived, with the reason in the" + " headers.",
							"messages", refs));
			operations.put("publish" + capitalised(name), ordered("action", "send", "channel",
					Map.of("$ref", "#/channels/" + name), "summary", PRODUCERS.get(topic) + " announces its changes."));
			operations.put("consume" + capitalised(name), ordered("action", "receive", "channel",
					Map.of("$ref", "#/channels/" + name), "summary",
					String.join(", ", CONSUMERS.get(topic)) + " each read every event, in their own consumer group."));
		}
		document.put("channels", channels);
		document.put("operations", operations);
		document.put("components", ordered("messages", messages, "schemas", Map.of("CloudEvent", envelope())));
		return YAML.writeValueAsString(document);
	}

	private static Map<String, Object> message(EventCatalogue.Entry entry) {
		Map<String, Object> data = Map.of("$ref",
				"../event-contract/src/main/resources/schemas/" + entry.type() + ".json");
		Map<String, Object> example = new LinkedHashMap<>();
		example.put("specversion", CloudEvent.SPEC_VERSION);
		example.put("id", "4d0c6a3e-8b5f-4e21-9c7d-2f1a0b3c5d6e");
		example.put("source", EventSources.ownerOf(entry.topic().orElseThrow()).orElseThrow());
		example.put("type", entry.type());
		example.put("time", "2026-03-14T09:26:53Z");
		example.put("subject", "0b6f3e52-4c1d-4f1e-9a57-3f0d1c2b7a10");
		example.put("datacontenttype", CloudEvent.JSON);
		example.put("data", EventData.of(entry.example()));
		return ordered("name", entry.type(), "summary", String.valueOf(EventSchemas.summary(entry.payload())),
				"payload",
				Map.of("allOf",
						List.of(Map.of("$ref", "#/components/schemas/CloudEvent"),
								ordered("type", "object", "properties",
										ordered("type", Map.of("const", entry.type()), "data", data)))),
				"bindings",
				Map.of("kafka",
						ordered("key",
								ordered("type", "string", "description",
										"The user id the event is about: its subject."),
								"bindingVersion", "0.5.0")),
				"examples", List.of(ordered("name", "example", "payload", example)));
	}

	private static Map<String, Object> envelope() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("specversion", Map.of("const", CloudEvent.SPEC_VERSION));
		properties.put("id",
				ordered("type", "string", "description", "Unique per event: consumers deduplicate by it."));
		properties.put("source", ordered("type", "string", "description",
				"The producing service: /auth-service, /session-service or /token-service."));
		properties.put("type", ordered("type", "string", "description", "The event type, warden.*."));
		properties.put("time", ordered("type", "string", "format", "date-time", "description", "When it happened."));
		properties.put("subject",
				ordered("type", "string", "description", "The user the event is about; also the record's key."));
		properties.put("datacontenttype", Map.of("const", CloudEvent.JSON));
		properties.put("data", ordered("type", "object", "description", "The type's payload."));
		return ordered("type", "object", "description", "A CloudEvent 1.0 in structured JSON mode.", "properties",
				properties, "required",
				List.of("specversion", "id", "source", "type", "time", "datacontenttype", "data"));
	}

	private static String channelName(String topic) {
		String[] parts = topic.split("\\.");
		return parts[1] + capitalised(parts[2]);
	}

	private static String messageName(String type) {
		StringBuilder name = new StringBuilder();
		for (String part : type.substring("warden.".length()).split("[.-]")) {
			name.append(name.isEmpty() ? part : capitalised(part));
		}
		return name.toString();
	}

	private static String capitalised(String text) {
		return Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

	private static Map<String, Object> ordered(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

}
