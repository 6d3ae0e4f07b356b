package dev.warden.gateway.apidocs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.warden.gateway.authentication.AccessRequirements;
import dev.warden.gateway.protection.RateLimitFilter;
import dev.warden.gateway.routing.Upstreams;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpMethod;

/**
 * The whole public API as one OpenAPI 3.1 document: each service's part
 * ({@code openapi/<service>.json}, written from its controllers by its tests), and what
 * the gateway adds in front of every operation — who may call it ({@code security}, from
 * {@link AccessRequirements}: the session cookie, with the CSRF header on unsafe
 * requests, or an API token where a token is accepted) and the problems the gateway
 * answers itself (401, 403, 413, 429, 503...).
 */
public final class ApiDescription {

	/** The services whose parts make the description, in the order their tags appear. */
	public static final List<String> SERVICES = List.of(Upstreams.AUTH, Upstreams.SESSION, Upstreams.TOKEN,
			Upstreams.AUDIT, Upstreams.NOTIFICATION);

	static final String PROBLEM_JSON = "application/problem+json";

	private static final Set<String> UNSAFE = Set.of("post", "put", "patch", "delete");

	private static final Map<String, String> WHY = Map.ofEntries(
			Map.entry("malformed_request", "the path is malformed"),
			Map.entry("unauthenticated", "no valid session cookie or API token"),
			Map.entry("token_expired", "the API token has expired"),
			Map.entry("token_revoked", "the API token was revoked"),
			Map.entry("password_change_required", "the password must be changed first"),
			Map.entry("two_factor_setup_required", "two-factor authentication must be set up first"),
			Map.entry("session_required", "an API token may not do this"),
			Map.entry("forbidden", "administration needs the ADMIN role"),
			Map.entry("origin_not_allowed", "the request came from another site"),
			Map.entry("csrf_token_invalid", "the X-XSRF-TOKEN header does not match the XSRF-TOKEN cookie"),
			Map.entry("payload_too_large", "the body is too large"),
			Map.entry("unsupported_media_type", "the body is not JSON"),
			Map.entry("too_many_requests", "too many requests from this client, or by this user"),
			Map.entry("uri_too_long", "the URI is too long"),
			Map.entry("length_required", "a chunked body has no declared length"),
			Map.entry("authentication_unavailable", "the session or token store cannot be reached"),
			Map.entry("service_unavailable", "the service behind this path is not answering"));

	private ApiDescription() {
	}

	/**
	 * The description the gateway serves, for a session cookie named {@code cookieName}.
	 */
	public static ObjectNode merged(JsonMapper json, String cookieName) {
		List<JsonNode> parts = new ArrayList<>();
		for (String service : SERVICES) {
			parts.add(part(json, service));
		}
		return merge(json, parts, cookieName);
	}

	/** A service's part, as the gateway's jar holds it. */
	public static JsonNode part(JsonMapper json, String service) {
		try (InputStream in = new ClassPathResource("openapi/" + service + ".json").getInputStream()) {
			return json.readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No API description of " + service + " in the gateway", ex);
		}
	}

	static ObjectNode merge(JsonMapper json, List<JsonNode> parts, String cookieName) {
		ObjectNode api = json.createObjectNode();
		api.put("openapi", "3.1.0");
		api.set("info", json.createObjectNode()
			.put("title", "Warden")
			.put("version", "1")
			.put("description", "The account-security API behind the portal's Security page. Every call goes "
					+ "through the gateway; every failure is a problem (RFC 9457, application/problem+json) with a "
					+ "stable code. Events are described in docs/asyncapi.yaml."));
		api.set("servers", json.createArrayNode().add(json.createObjectNode().put("url", "/")));
		Map<String, JsonNode> tags = new LinkedHashMap<>();
		Map<String, ObjectNode> paths = new TreeMap<>();
		Map<String, JsonNode> schemas = new TreeMap<>();
		for (JsonNode part : parts) {
			part.path("tags").forEach((tag) -> tags.putIfAbsent(tag.path("name").asString(), tag));
			for (Map.Entry<String, JsonNode> path : part.path("paths").properties()) {
				ObjectNode item = paths.computeIfAbsent(path.getKey(), (key) -> json.createObjectNode());
				for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
					if (item.has(operation.getKey())) {
						throw new IllegalStateException("Two services describe "
								+ operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
					}
					item.set(operation.getKey(), operation.getValue().deepCopy());
				}
			}
			for (Map.Entry<String, JsonNode> schema : part.path("components").path("schemas").properties()) {
				JsonNode known = schemas.putIfAbsent(schema.getKey(), schema.getValue());
				if (known != null && !known.equals(schema.getValue())) {
					throw new IllegalStateException("Two services describe " + schema.getKey() + " differently");
				}
			}
		}
		paths.forEach((path, item) -> item.properties()
			.forEach((operation) -> guard(json, path, operation.getKey(), (ObjectNode) operation.getValue())));
		ArrayNode tagList = json.createArrayNode();
		tags.values().forEach(tagList::add);
		tagList.add(json.createObjectNode()
			.put("name", "Documentation")
			.put("description", "This description, and the page that shows it."));
		api.set("tags", tagList);
		ObjectNode pathsNode = json.createObjectNode();
		paths.forEach(pathsNode::set);
		documentation(json, pathsNode);
		api.set("paths", pathsNode);
		ObjectNode components = json.createObjectNode();
		ObjectNode schemaNode = json.createObjectNode();
		schemas.forEach(schemaNode::set);
		components.set("schemas", schemaNode);
		components.set("securitySchemes", securitySchemes(json, cookieName));
		api.set("components", components);
		return api;
	}

	/** Who may call the operation, and what the gateway may answer instead of it. */
	private static void guard(JsonMapper json, String path, String method, ObjectNode operation) {
		AccessRequirements access = AccessRequirements.of(path, HttpMethod.valueOf(method.toUpperCase(Locale.ROOT)));
		boolean unsafe = UNSAFE.contains(method);
		ArrayNode security = json.createArrayNode();
		if (!access.open()) {
			ObjectNode session = json.createObjectNode().set("session", json.createArrayNode());
			if (unsafe) {
				session.set("csrf", json.createArrayNode());
			}
			security.add(session);
			if (!access.sessionOnly()) {
				security.add(json.createObjectNode().set("apiToken", json.createArrayNode()));
			}
		}
		operation.set("security", security);
		ObjectNode responses = (ObjectNode) operation.get("responses");
		HttpMethod httpMethod = HttpMethod.valueOf(method.toUpperCase(Locale.ROOT));
		problem(json, responses, 400, List.of("malformed_request"));
		problem(json, responses, 414, List.of("uri_too_long"));
		if (!access.open()) {
			problem(json, responses, 401, List.of("unauthenticated", "token_expired", "token_revoked"));
		}
		List<String> refusals = new ArrayList<>();
		if (!access.open() && !access.whilePasswordChangeRequired()) {
			refusals.add("password_change_required");
		}
		if (!access.open() && !access.whileTwoFactorSetupRequired()) {
			refusals.add("two_factor_setup_required");
		}
		if (access.sessionOnly()) {
			refusals.add("session_required");
		}
		if (access.administration()) {
			refusals.add("forbidden");
		}
		if (unsafe) {
			refusals.addAll(List.of("origin_not_allowed", "csrf_token_invalid"));
			problem(json, responses, 411, List.of("length_required"));
			problem(json, responses, 413, List.of("payload_too_large"));
			problem(json, responses, 415, List.of("unsupported_media_type"));
		}
		if (!refusals.isEmpty()) {
			problem(json, responses, 403, refusals);
		}
		if (RateLimitFilter.limits(httpMethod, path)) {
			problem(json, responses, 429, List.of("too_many_requests"));
		}
		problem(json, responses, 503, access.open() ? List.of("service_unavailable")
				: List.of("authentication_unavailable", "service_unavailable"));
		ObjectNode sorted = json.createObjectNode();
		new TreeMap<>(responses.propertyStream()
			.collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))).forEach(sorted::set);
		operation.set("responses", sorted);
	}

	/** Adds the gateway's codes to the operation's problem at {@code status}. */
	private static void problem(JsonMapper json, ObjectNode responses, int status, List<String> codes) {
		String key = String.valueOf(status);
		Set<String> all = new LinkedHashSet<>();
		String description = "";
		JsonNode existing = responses.get(key);
		if (existing != null) {
			existing.path("content")
				.path(PROBLEM_JSON)
				.path("schema")
				.path("properties")
				.path("code")
				.path("enum")
				.forEach((code) -> all.add(code.asString()));
			description = existing.path("description").asString("");
		}
		List<String> added = codes.stream().filter((code) -> !all.contains(code)).toList();
		if (added.isEmpty()) {
			return;
		}
		all.addAll(added);
		String because = "The gateway answers so when "
				+ String.join("; or when ", added.stream().map((code) -> WHY.getOrDefault(code, code)).toList()) + ".";
		ArrayNode codeEnum = json.createArrayNode();
		all.forEach(codeEnum::add);
		ObjectNode schema = json.createObjectNode();
		schema.set("allOf",
				json.createArrayNode().add(json.createObjectNode().put("$ref", "#/components/schemas/Problem")));
		schema.set("properties", json.createObjectNode()
			.set("code", json.createObjectNode().put("type", "string").set("enum", codeEnum)));
		ObjectNode examples = (existing != null
				&& existing.at("/content/application~1problem+json/examples").isObject())
						? (ObjectNode) existing.at("/content/application~1problem+json/examples").deepCopy()
						: json.createObjectNode();
		for (String code : added) {
			examples
				.set(code,
						json.createObjectNode()
							.set("value", json.createObjectNode()
								.put("type", "https://warden.dev/problems/" + code.replace('_', '-'))
								.put("title", org.springframework.http.HttpStatus.valueOf(status).getReasonPhrase())
								.put("status", status)
								.put("code", code)));
		}
		ObjectNode response = json.createObjectNode()
			.put("description", description.isEmpty() ? because : description + " " + because);
		response.set("content", json.createObjectNode()
			.set(PROBLEM_JSON, json.createObjectNode().<ObjectNode>set("schema", schema).set("examples", examples)));
		responses.set(key, response);
	}

	/** The gateway's own operations: this description and its page. */
	private static void documentation(JsonMapper json, ObjectNode paths) {
		paths
			.set(ApiDocsRoutes.DESCRIPTION,
					json.createObjectNode()
						.set("get",
								json.createObjectNode()
									.put("operationId", "getApiDescription")
									.put("summary", "This description (OpenAPI 3.1)")
									.<ObjectNode>set("tags", json.createArrayNode().add("Documentation"))
									.<ObjectNode>set("security", json.createArrayNode())
									.set("responses", json.createObjectNode()
										.set("200", json.createObjectNode()
											.put("description", "The description.")
											.set("content", json.createObjectNode()
												.set("application/json", json.createObjectNode()
													.set("schema", json.createObjectNode().put("type", "object"))))))));
		paths
			.set(ApiDocsRoutes.PAGE,
					json.createObjectNode()
						.set("get",
								json.createObjectNode()
									.put("operationId", "getApiDescriptionPage")
									.put("summary", "A page to browse this description")
									.<ObjectNode>set("tags", json.createArrayNode().add("Documentation"))
									.<ObjectNode>set("security", json.createArrayNode())
									.set("responses", json.createObjectNode()
										.set("200", json.createObjectNode()
											.put("description", "The page (HTML).")
											.set("content", json.createObjectNode()
												.set("text/html", json.createObjectNode()
													.set("schema", json.createObjectNode().put("type", "string"))))))));
	}

	private static ObjectNode securitySchemes(JsonMapper json, String cookieName) {
		ObjectNode schemes = json.createObjectNode();
		schemes.set("session",
				json.createObjectNode()
					.put("type", "apiKey")
					.put("in", "cookie")
					.put("name", cookieName)
					.put("description", "The HttpOnly session cookie POST /api/auth/login sets."));
		schemes.set("csrf", json.createObjectNode()
			.put("type", "apiKey")
			.put("in", "header")
			.put("name", "X-XSRF-TOKEN")
			.put("description", "On unsafe requests with the session cookie: the value of the XSRF-TOKEN cookie "
					+ "(double-submit), which the gateway sets on every answer."));
		schemes.set("apiToken", json.createObjectNode()
			.put("type", "http")
			.put("scheme", "bearer")
			.put("description", "An API token (Authorization: Bearer <token>); it acts with its one role and never on "
					+ "security settings, the user's own settings or administration changes."));
		return schemes;
	}

}
