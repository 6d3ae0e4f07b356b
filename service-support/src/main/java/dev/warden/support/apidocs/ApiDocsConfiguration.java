package dev.warden.support.apidocs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;

/**
 * Shapes the description springdoc makes of a service's public endpoints, where springdoc
 * is present (the services' tests, which write docs/openapi): one {@code Problem} schema
 * for every failure, and on each operation exactly the problems it answers with — those
 * its {@link ProblemResponse}s name, and those every endpoint may give: 401
 * {@code unauthenticated} (no caller the gateway vouched for), 400
 * {@code malformed_request}/{@code validation_failed} where it reads input, 415
 * {@code unsupported_media_type} where it reads a body, 500 {@code internal_error}, 503
 * {@code service_unavailable}.
 */
@AutoConfiguration
@ConditionalOnClass(OpenApiCustomizer.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ApiDocsConfiguration {

	static final String PROBLEM_JSON = "application/problem+json";

	static final String PROBLEM = "Problem";

	static final String FIELD_PROBLEM = "FieldProblem";

	@Bean
	OpenAPI wardenApi(@Value("${spring.application.name}") String service) {
		return new OpenAPI().info(new Info().title("Warden " + service).version("1"))
			.servers(List.of(new Server().url("/")));
	}

	@Bean
	RecordComponentsRequired recordComponentsRequired() {
		return new RecordComponentsRequired();
	}

	/**
	 * The problem schemas; and an operation that answers 204 loses the "200 OK" springdoc
	 * gives every operation.
	 */
	@Bean
	OpenApiCustomizer problemSchemas() {
		return (api) -> {
			Components components = (api.getComponents() != null) ? api.getComponents() : new Components();
			components.addSchemas(PROBLEM, problemSchema());
			components.addSchemas(FIELD_PROBLEM, fieldProblemSchema());
			api.setComponents(components);
			if (api.getPaths() != null) {
				api.getPaths().forEach(ApiDocsConfiguration::finish);
			}
		};
	}

	/**
	 * An operation that answers 204 loses the "200 OK" springdoc gives every operation;
	 * administration answers 403 {@code forbidden} to anyone but an administrator, and
	 * its changes need a session with a recent sign-in (AdminChanges).
	 */
	private static void finish(String path, PathItem item) {
		item.readOperationsMap().forEach((method, operation) -> {
			ApiResponses responses = operation.getResponses();
			if (responses == null) {
				return;
			}
			if (responses.containsKey("204")) {
				responses.remove("200");
			}
			if (path.startsWith("/api/admin/")) {
				List<String> codes = (method == PathItem.HttpMethod.GET) ? List.of("forbidden")
						: List.of("forbidden", "session_required", "reauthentication_required");
				addProblem(responses, 403, new Problems(codes, "Not an administrator"
						+ ((codes.size() > 1) ? "; not a session, or no recent sign-in." : ".")));
			}
		});
	}

	/** Adds a problem response, or its codes to the one the operation has. */
	static void addProblem(ApiResponses responses, int status, Problems problem) {
		Problems merged = problem;
		ApiResponse existing = responses.get(String.valueOf(status));
		if (existing != null && existing.getContent() != null && existing.getContent().get(PROBLEM_JSON) != null) {
			Schema<?> code = (Schema<?>) java.util.Objects.requireNonNull(
					existing.getContent().get(PROBLEM_JSON).getSchema().getProperties().get("code"),
					"a problem response names its codes");
			List<String> codes = new ArrayList<>();
			code.getEnum().forEach((value) -> codes.add(String.valueOf(value)));
			merged = new Problems(codes, existing.getDescription()).and(problem);
		}
		MediaType content = new MediaType().schema(problemWithCodes(merged.codes()));
		merged.codes().forEach((code) -> content.addExamples(code, example(status, code)));
		responses.addApiResponse(String.valueOf(status), new ApiResponse().description(merged.description())
			.content(new Content().addMediaType(PROBLEM_JSON, content)));
	}

	/** What a problem with {@code code} looks like. */
	private static Example example(int status, String code) {
		Map<String, Object> value = new LinkedHashMap<>();
		value.put("type", "https://warden.dev/problems/" + code.replace('_', '-').replace('.', '-'));
		HttpStatus known = HttpStatus.resolve(status);
		value.put("title", (known != null) ? known.getReasonPhrase() : "Error");
		value.put("status", status);
		value.put("code", code);
		return new Example().value(value);
	}

	@Bean
	OperationCustomizer problemResponses() {
		return (operation, handler) -> {
			Map<Integer, Problems> problems = new TreeMap<>();
			common(handler).forEach((status, codes) -> problems.put(status, new Problems(codes, describe(status))));
			for (ProblemResponse declared : AnnotatedElementUtils.findMergedRepeatableAnnotations(handler.getMethod(),
					ProblemResponse.class, ProblemResponses.class)) {
				problems.merge(declared.status(), new Problems(List.of(declared.codes()), declared.description()),
						Problems::and);
			}
			ApiResponses responses = (operation.getResponses() != null) ? operation.getResponses() : new ApiResponses();
			if (answersNothing(handler)) {
				// springdoc adds its "200 OK" after this; problemSchemas() takes it away.
				responses.addApiResponse("204", new ApiResponse().description("Done; no content."));
			}
			problems.forEach((status, problem) -> addProblem(responses, status, problem));
			operation.setResponses(responses);
			return operation;
		};
	}

	/** A handler that returns {@code ResponseEntity<Void>} or nothing answers 204. */
	private static boolean answersNothing(HandlerMethod handler) {
		org.springframework.core.ResolvableType returned = org.springframework.core.ResolvableType
			.forMethodReturnType(handler.getMethod());
		if (returned.resolve() == void.class) {
			return true;
		}
		return org.springframework.http.ResponseEntity.class.equals(returned.resolve())
				&& Void.class.equals(returned.getGeneric(0).resolve());
	}

	/** The problems any endpoint may answer with, by what it reads. */
	private static Map<Integer, List<String>> common(HandlerMethod handler) {
		Map<Integer, List<String>> common = new LinkedHashMap<>();
		boolean body = false;
		boolean input = false;
		for (MethodParameter parameter : handler.getMethodParameters()) {
			body |= parameter.hasParameterAnnotation(RequestBody.class);
			input |= parameter.hasParameterAnnotation(RequestBody.class)
					|| parameter.hasParameterAnnotation(RequestParam.class)
					|| parameter.hasParameterAnnotation(PathVariable.class);
		}
		if (input) {
			common.put(400, List.of("malformed_request", "validation_failed"));
		}
		common.put(401, List.of("unauthenticated"));
		if (body) {
			common.put(415, List.of("unsupported_media_type"));
		}
		common.put(500, List.of("internal_error"));
		common.put(503, List.of("service_unavailable"));
		return common;
	}

	private static String describe(int status) {
		return switch (status) {
			case 400 -> "The request is not valid JSON, or a field is invalid (each named in errors).";
			case 401 -> "No caller: not signed in, or the session or token has ended.";
			case 415 -> "The body is not application/json.";
			case 503 -> "A store the service needs is unreachable; try again later.";
			default -> HttpStatus.valueOf(status).getReasonPhrase() + ".";
		};
	}

	/** A {@code Problem} whose {@code code} is one of {@code codes}. */
	static Schema<?> problemWithCodes(List<String> codes) {
		Schema<Object> code = new JsonSchema().types(Set.of("string"));
		code.setEnum(new ArrayList<>(codes));
		return new JsonSchema().allOf(List.of(new JsonSchema().$ref("#/components/schemas/" + PROBLEM)))
			.addProperty("code", code);
	}

	private static Schema<?> problemSchema() {
		return new JsonSchema().types(Set.of("object"))
			.description("A failure (RFC 9457). code is the stable key to act on; title and detail are for people.")
			.addProperty("type", string("A URI naming the kind of problem.").format("uri"))
			.addProperty("title", string("A short summary."))
			.addProperty("status", new JsonSchema().types(Set.of("integer")).description("The HTTP status."))
			.addProperty("detail", string("What happened, for people."))
			.addProperty("instance", string("The request path.").format("uri-reference"))
			.addProperty("code", string("The stable code."))
			.addProperty("retryAfterSeconds",
					new JsonSchema().types(Set.of("integer"))
						.description("For 429: seconds until trying again may succeed (also in Retry-After)."))
			.addProperty("service",
					string("For service_unavailable from the gateway: the service that is not answering."))
			.addProperty("errors",
					new JsonSchema().types(Set.of("array"))
						.description("For validation_failed: each invalid field.")
						.items(new JsonSchema().$ref("#/components/schemas/" + FIELD_PROBLEM)))
			.required(List.of("type", "title", "status", "code"));
	}

	private static Schema<?> fieldProblemSchema() {
		return new JsonSchema().types(Set.of("object"))
			.addProperty("field", string("The field, as named in the request."))
			.addProperty("code", string("The stable code of what is wrong with it."))
			.addProperty("message", string("What is wrong, for people."))
			.required(List.of("field", "code", "message"));
	}

	private static Schema<?> string(String description) {
		return new JsonSchema().types(Set.of("string")).description(description);
	}

	record Problems(List<String> codes, String description) {

		/** Both sets of codes, and both descriptions. */
		Problems and(Problems more) {
			Set<String> all = new LinkedHashSet<>(this.codes);
			all.addAll(more.codes);
			String description = this.description.equals(more.description) ? this.description
					: this.description + " " + more.description;
			return new Problems(List.copyOf(all), description);
		}

	}

}
