package dev.warden.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The committed JSON Schemas are the ones the payload records make, one per type, and
 * every example in the catalogue is valid against its own. After changing a record, run
 * {@code ./mvnw -pl event-contract test -Dtest=EventSchemasTest -Dwarden.events.write=true}
 * to write the schemas again, and commit them.
 */
class EventSchemasTest {

	private static final EventSchemas SCHEMAS = new EventSchemas();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void theCommittedSchemasAreTheOnesTheRecordsMake() throws IOException {
		boolean write = Boolean.getBoolean("warden.events.write");
		for (EventCatalogue.Entry entry : EventCatalogue.all()) {
			String made = SCHEMAS.schemaOf(entry);
			Path file = EventSchemas.fileOf(entry);
			if (write) {
				Files.createDirectories(file.getParent());
				Files.writeString(file, made, StandardCharsets.UTF_8);
			}
			assertThat(file).as("%s: run with -Dwarden.events.write=true and commit", file).exists();
			assertThat(Files.readString(file, StandardCharsets.UTF_8))
				.as("%s is out of date: run with -Dwarden.events.write=true and commit", file)
				.isEqualTo(made);
		}
	}

	@Test
	void thereIsNoSchemaForATypeThatIsNotInTheCatalogue() throws IOException {
		try (Stream<Path> files = Files.list(EventSchemas.DIRECTORY)) {
			assertThat(files.map((file) -> file.getFileName().toString().replaceFirst("\\.json$", "")))
				.containsExactlyInAnyOrderElementsOf(EventTypes.ALL);
		}
	}

	@Test
	void everyExampleIsValidAgainstItsSchema() {
		for (EventCatalogue.Entry entry : EventCatalogue.all()) {
			List<String> violations = EventContract.violations(entry.type(),
					JSON.valueToTree(EventData.of(entry.example())));

			assertThat(violations).as(entry.type()).isEmpty();
		}
	}

	@Test
	void aSchemaRefusesDataWithoutARequiredFieldOrWithAFieldOfAnotherType() {
		ObjectNode data = JSON
			.valueToTree(EventData.of(EventCatalogue.byType(EventTypes.LOGIN_SUCCEEDED).orElseThrow().example()));
		ObjectNode withoutSession = data.deepCopy();
		withoutSession.remove("sessionId");
		ObjectNode wrongType = data.deepCopy();
		wrongType.put("newDevice", "yes");

		assertThat(EventContract.violations(EventTypes.LOGIN_SUCCEEDED, withoutSession)).isNotEmpty();
		assertThat(EventContract.violations(EventTypes.LOGIN_SUCCEEDED, wrongType)).isNotEmpty();
	}

}
