package dev.warden.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code docs/asyncapi.yaml} is the document the catalogue makes: after changing the
 * catalogue, run
 * {@code ./mvnw -pl event-contract test -Dtest=AsyncApiDocumentTest -Dwarden.events.write=true}
 * and commit it.
 */
class AsyncApiDocumentTest {

	private static final Path FILE = Path.of("../docs/asyncapi.yaml");

	@Test
	void theCommittedDocumentIsTheOneTheCatalogueMakes() throws IOException {
		String made = AsyncApiDocument.yaml();
		if (Boolean.getBoolean("warden.events.write")) {
			Files.writeString(FILE, made, StandardCharsets.UTF_8);
		}
		assertThat(Files.readString(FILE, StandardCharsets.UTF_8))
			.as("docs/asyncapi.yaml is out of date: run with -Dwarden.events.write=true and commit")
			.isEqualTo(made);
	}

	@Test
	void everyTopicAndItsDeadLetterTopicIsAChannelAndEveryPublishedTypeAMessageWithItsSchema() throws IOException {
		JsonNode document = YAMLMapper.builder().build().readTree(Files.readString(FILE, StandardCharsets.UTF_8));

		assertThat(document.path("asyncapi").asString()).isEqualTo("3.0.0");
		for (String topic : Topics.ALL) {
			assertThat(document.path("channels").valueStream().map((channel) -> channel.path("address").asString()))
				.contains(topic, Topics.deadLetterOf(topic));
		}
		for (EventCatalogue.Entry entry : EventCatalogue.all()) {
			if (entry.topic().isEmpty()) {
				continue;
			}
			JsonNode message = document.path("components")
				.path("messages")
				.valueStream()
				.filter((candidate) -> candidate.path("name").asString().equals(entry.type()))
				.findFirst()
				.orElseThrow(() -> new AssertionError(entry.type() + " is not a message"));
			String schema = message.path("payload")
				.path("allOf")
				.get(1)
				.path("properties")
				.path("data")
				.path("$ref")
				.asString();
			assertThat(FILE.getParent().resolve(schema)).as(entry.type()).exists();
			assertThat(message.path("summary").asString()).as(entry.type()).isNotBlank().isNotEqualTo("null");
		}
	}

}
