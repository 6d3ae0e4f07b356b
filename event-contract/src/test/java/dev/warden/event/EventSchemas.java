package dev.warden.event;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import org.jspecify.annotations.Nullable;

/**
 * The JSON Schema of each event type's data, made from its payload record: a field is
 * required unless it is {@code @Nullable}, an instant is a {@code date-time} string, and
 * the descriptions are the record's Javadoc. Fields a schema does not name are allowed,
 * as readers ignore them.
 */
final class EventSchemas {

	/** Where the schemas are kept, in the contract's jar under {@code schemas/}. */
	static final Path DIRECTORY = Path.of("src/main/resources/schemas");

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final Pattern PARAM = Pattern.compile("@param (\\w+) (.*?)(?=\\n\\s*\\* @|\\n\\s*\\*/|$)",
			Pattern.DOTALL);

	private final SchemaGenerator generator;

	EventSchemas() {
		SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12,
				OptionPreset.PLAIN_JSON)
			.with(Option.EXTRA_OPEN_API_FORMAT_VALUES);
		config.forFields()
			.withRequiredCheck((field) -> isRequired(field.getRawMember()))
			.withDescriptionResolver(
					(field) -> params(field.getDeclaringType().getErasedType()).get(field.getDeclaredName()));
		config.forTypesInGeneral()
			// The record's order, which puts who and from where first.
			.withPropertySorter((first, second) -> 0)
			.withDescriptionResolver((scope) -> scope.getType().getErasedType().isRecord()
					? summary(scope.getType().getErasedType()) : null);
		this.generator = new SchemaGenerator(config.build());
	}

	/** The schema of this type's data, as kept in {@code <type>.json}. */
	String schemaOf(EventCatalogue.Entry entry) {
		ObjectNode schema = this.generator.generateSchema(entry.payload());
		ObjectNode ordered = JSON.createObjectNode();
		ordered.set("$schema", schema.get("$schema"));
		ordered.put("$id", "https://warden.dev/schemas/events/" + entry.type() + ".json");
		ordered.put("title", entry.type());
		schema.remove("$schema");
		ordered.setAll(schema);
		try {
			return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(ordered) + "\n";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Path fileOf(EventCatalogue.Entry entry) {
		return DIRECTORY.resolve(entry.type() + ".json");
	}

	private static boolean isRequired(Field field) {
		return field.getType().isPrimitive() || !field.getAnnotatedType().isAnnotationPresent(Nullable.class);
	}

	static @Nullable String summary(Class<?> record) {
		String javadoc = javadoc(record);
		if (javadoc == null) {
			return null;
		}
		String text = plain(javadoc.split("\\n\\s*\\*\\s*(\\n|@)")[0]).replaceFirst("^Data of [A-Z_]+: ", "");
		return text.isEmpty() ? null : Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

	private static Map<String, String> params(Class<?> record) {
		Map<String, String> params = new LinkedHashMap<>();
		String javadoc = javadoc(record);
		if (javadoc != null) {
			Matcher matcher = PARAM.matcher(javadoc);
			while (matcher.find()) {
				params.put(matcher.group(1), plain(matcher.group(2)));
			}
		}
		return params;
	}

	/** The class comment of a record in this module's sources, stars and all. */
	private static @Nullable String javadoc(Class<?> record) {
		Path source = Path.of("src/main/java", record.getName().replace('.', '/') + ".java");
		if (!Files.exists(source)) {
			return null;
		}
		try {
			String text = Files.readString(source, StandardCharsets.UTF_8);
			int end = text.indexOf("*/\npublic record");
			int start = text.lastIndexOf("/**", end);
			return (start < 0 || end < 0) ? null : text.substring(start + 3, end);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Javadoc as plain text: no stars, no tags, one line. */
	private static String plain(String javadoc) {
		return javadoc.replaceAll("\\n\\s*\\*\\s?", " ")
			.replaceAll("\\{@(?:code|link) (?:[\\w.]+#)?([^}]*)}", "$1")
			.replaceAll("\\s+", " ")
			.strip();
	}

}
