package dev.warden.infra.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Pattern;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A service's part of the public API description ({@code openapi/<service>.json} in the
 * gateway, which serves them merged) and what answers it allows: for a method, path and
 * status, the documented content type and schema. Schemas are checked strictly — an
 * object may hold no property the description does not name — so a field added to an
 * answer without its description is found, not only a field missing.
 */
public final class ApiContract {

	/**
	 * Where the services' descriptions are kept: found from the working directory (a
	 * module's, or the repository's) upwards.
	 */
	public static final Path DESCRIPTIONS = locate(Path.of("gateway", "src", "main", "resources", "openapi"));

	private static final Queue<String> VIOLATIONS = new ConcurrentLinkedQueue<>();

	private static final SchemaRegistry REGISTRY = SchemaRegistry
		.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ObjectNode strict;

	private final JsonNode loose;

	private final List<Operation> operations = new ArrayList<>();

	private final Map<String, Schema> schemas = new java.util.concurrent.ConcurrentHashMap<>();

	private final Map<String, Schema> requestSchemas = new java.util.concurrent.ConcurrentHashMap<>();

	private ApiContract(JsonNode description) {
		this.loose = description;
		this.strict = (ObjectNode) description.deepCopy();
		closeObjects(this.strict.path("components"));
		closeObjects(this.strict.path("paths"));
		for (Map.Entry<String, JsonNode> path : description.path("paths").properties()) {
			for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
				this.operations.add(new Operation(method.getKey(), path.getKey(), template(path.getKey())));
			}
		}
	}

	/** The description of {@code service}, if there is one. */
	public static Optional<ApiContract> of(String service) {
		Path file = DESCRIPTIONS.resolve(service + ".json");
		if (!Files.isRegularFile(file)) {
			return Optional.empty();
		}
		try {
			return Optional.of(new ApiContract(JSON.readTree(Files.readString(file, StandardCharsets.UTF_8))));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A description given as JSON (the gateway's merged one, say). */
	public static ApiContract of(JsonNode description) {
		return new ApiContract(description);
	}

	/** Every answer that broke a description so far, in this JVM. */
	public static List<String> violations() {
		return List.copyOf(VIOLATIONS);
	}

	static void record(String violation) {
		VIOLATIONS.add(violation);
	}

	/**
	 * What is wrong with this answer; empty when it is as described, or when no operation
	 * describes the request (which {@code ApiDescriptionIT}s find on their own).
	 */
	public List<String> check(String method, String path, int status, String contentType, byte[] body) {
		Optional<Operation> found = find(method, path);
		if (found.isEmpty()) {
			return List.of();
		}
		Operation operation = found.get();
		String where = method + " " + path + " answered " + status;
		JsonNode responses = this.strict.path("paths")
			.path(operation.path())
			.path(operation.method())
			.path("responses");
		String statusKey = responses.has(String.valueOf(status)) ? String.valueOf(status)
				: responses.has("default") ? "default" : null;
		if (statusKey == null) {
			return List.of(where + ", a status its description does not list");
		}
		JsonNode content = responses.path(statusKey).path("content");
		if (body.length == 0) {
			return content.isEmpty() ? List.of() : List.of(where + " without the body its description has");
		}
		String mediaType = contentType == null ? "" : contentType.split(";")[0].trim();
		if (!content.has(mediaType)) {
			return List.of(where + " with " + mediaType + ", which its description does not list");
		}
		if (!mediaType.endsWith("json")) {
			return List.of();
		}
		String pointer = "#/paths/" + escape(operation.path()) + "/" + operation.method() + "/responses/" + statusKey
				+ "/content/" + escape(mediaType) + "/schema";
		Schema schema = this.schemas.computeIfAbsent(pointer, (ref) -> {
			ObjectNode document = this.strict.deepCopy();
			document.put("$ref", ref);
			return REGISTRY.getSchema(document);
		});
		JsonNode answer = JSON.readTree(new String(body, StandardCharsets.UTF_8));
		return schema.validate(answer).stream().map((error) -> where + ": " + error).toList();
	}

	/**
	 * What is wrong with the body of a request the service accepted; empty when it is as
	 * described (a request the description would refuse, but the service took, means the
	 * description asks for more than the service does).
	 */
	public List<String> checkAccepted(String method, String path, String contentType, byte[] body) {
		Optional<Operation> found = find(method, path);
		String mediaType = contentType == null ? "" : contentType.split(";")[0].trim();
		if (found.isEmpty() || body.length == 0 || !mediaType.endsWith("json")) {
			return List.of();
		}
		Operation operation = found.get();
		String where = method + " " + path + " accepted a body its description refuses";
		JsonNode content = this.loose.path("paths")
			.path(operation.path())
			.path(operation.method())
			.path("requestBody")
			.path("content");
		if (!content.has(mediaType)) {
			return List.of(where + " (" + mediaType + " is not described)");
		}
		String pointer = "#/paths/" + escape(operation.path()) + "/" + operation.method() + "/requestBody/content/"
				+ escape(mediaType) + "/schema";
		Schema schema = this.requestSchemas.computeIfAbsent(pointer, (ref) -> {
			ObjectNode document = (ObjectNode) this.loose.deepCopy();
			document.put("$ref", ref);
			return REGISTRY.getSchema(document);
		});
		JsonNode request;
		try {
			request = JSON.readTree(new String(body, StandardCharsets.UTF_8));
		}
		catch (RuntimeException ex) {
			return List.of(where + ": not JSON");
		}
		return schema.validate(request).stream().map((error) -> where + ": " + error).toList();
	}

	private Optional<Operation> find(String method, String path) {
		return this.operations.stream()
			.filter((operation) -> operation.method().equalsIgnoreCase(method)
					&& operation.pattern().matcher(path).matches())
			.findFirst();
	}

	private static Path locate(Path inRepository) {
		for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
			if (Files.isDirectory(directory.resolve(inRepository))) {
				return directory.resolve(inRepository);
			}
		}
		return Path.of("..").resolve(inRepository);
	}

	/** Strict checking: an object schema that names its properties allows no others. */
	private static void closeObjects(JsonNode node) {
		if (node instanceof ObjectNode object) {
			if (object.has("properties") && !object.has("additionalProperties") && !object.has("allOf")) {
				object.put("additionalProperties", false);
			}
			for (Iterator<JsonNode> children = object.values().iterator(); children.hasNext();) {
				closeObjects(children.next());
			}
		}
		else if (node.isArray()) {
			node.forEach(ApiContract::closeObjects);
		}
	}

	private static Pattern template(String path) {
		return Pattern.compile(Pattern.quote(path).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q"));
	}

	private static String escape(String pointerPart) {
		return pointerPart.replace("~", "~0").replace("/", "~1");
	}

	private record Operation(String method, String path, Pattern pattern) {
	}

}
