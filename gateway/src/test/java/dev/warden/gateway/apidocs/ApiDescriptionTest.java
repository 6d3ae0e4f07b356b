package dev.warden.gateway.apidocs;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.warden.gateway.routing.PublicPaths;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The description the gateway serves: every route has a described operation and every
 * described operation a route to the service that describes it, it is valid OpenAPI 3.1,
 * and it says who may call each operation as the gateway decides it.
 */
class ApiDescriptionTest {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final ObjectNode MERGED = ApiDescription.merged(JSON, "warden_session");

	@Test
	void everyRouteHasADescribedOperationAndEveryDescribedOperationARouteToItsService() {
		List<String> problems = new ArrayList<>();
		for (Map.Entry<String, List<String>> service : PublicPaths.BY_SERVICE.entrySet()) {
			List<PathPattern> patterns = service.getValue()
				.stream()
				.map(PathPatternParser.defaultInstance::parse)
				.toList();
			Set<PathPattern> used = new HashSet<>();
			for (String path : ApiDescription.part(JSON, service.getKey()).path("paths").propertyNames()) {
				List<PathPattern> matching = patterns.stream()
					.filter((pattern) -> pattern.matches(PathContainer.parsePath(path)))
					.toList();
				if (matching.isEmpty()) {
					problems.add(service.getKey() + " describes " + path + ", which no route sends to it");
				}
				String routedTo = PublicPaths.BY_SERVICE.entrySet()
					.stream()
					.filter((route) -> route.getValue()
						.stream()
						.anyMatch((pattern) -> PathPatternParser.defaultInstance.parse(pattern)
							.matches(PathContainer.parsePath(path))))
					.map(Map.Entry::getKey)
					.findFirst()
					.orElse("nobody");
				if (!routedTo.equals(service.getKey())) {
					problems.add(service.getKey() + " describes " + path + ", which the gateway sends to " + routedTo);
				}
				used.addAll(matching);
			}
			patterns.stream()
				.filter((pattern) -> !used.contains(pattern))
				.forEach((pattern) -> problems
					.add("the route " + pattern + " to " + service.getKey() + " has no described operation"));
		}
		assertThat(PublicPaths.BY_SERVICE.keySet()).containsExactlyInAnyOrderElementsOf(ApiDescription.SERVICES);
		assertThat(problems).isEmpty();
	}

	@Test
	void isValidOpenApi31() {
		SwaggerParseResult result = new OpenAPIV3Parser().readContents(JSON.writeValueAsString(MERGED), null, null);

		assertThat(result.getMessages()).isEmpty();
		assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
		assertThat(result.getOpenAPI().getPaths()).containsKeys("/api/auth/login", "/api/me", "/api/docs",
				"/api/docs/openapi.json");
	}

	@Test
	void everyOperationHasItsOwnIdASummaryATagAndSaysWhoMayCallIt() {
		Set<String> ids = new HashSet<>();
		for (Map.Entry<String, JsonNode> path : MERGED.path("paths").properties()) {
			for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
				String name = operation.getKey() + " " + path.getKey();
				assertThat(ids.add(operation.getValue().path("operationId").asString())).as(name).isTrue();
				assertThat(operation.getValue().path("summary").asString()).as(name).isNotBlank();
				assertThat(operation.getValue().path("tags")).as(name).isNotEmpty();
				assertThat(operation.getValue().has("security")).as(name).isTrue();
			}
		}
	}

	@Test
	void signingInIsOpenTokensAreForSessionsOnlyAndReadingWhoIAmTakesEither() {
		assertThat(security("post", "/api/auth/login")).isEqualTo("[]");
		assertThat(security("post", "/api/security/tokens")).isEqualTo("[{\"session\":[],\"csrf\":[]}]");
		assertThat(security("get", "/api/me")).isEqualTo("[{\"session\":[]},{\"apiToken\":[]}]");
		assertThat(security("get", "/api/admin/users")).isEqualTo("[{\"session\":[]},{\"apiToken\":[]}]");
		assertThat(security("post", "/api/admin/users")).isEqualTo("[{\"session\":[],\"csrf\":[]}]");
		assertThat(MERGED.at("/components/securitySchemes/session/name").asString()).isEqualTo("warden_session");
	}

	@Test
	void theGatewaysOwnRefusalsAreListedWhereItGivesThem() {
		assertThat(codes("get", "/api/admin/users", 403)).contains("forbidden", "password_change_required",
				"two_factor_setup_required");
		assertThat(codes("get", "/api/me", 403)).doesNotContain("password_change_required");
		assertThat(codes("post", "/api/security/tokens", 403)).contains("session_required", "csrf_token_invalid",
				"reauthentication_required", "role_not_allowed");
		assertThat(codes("post", "/api/auth/login", 401)).contains("invalid_credentials")
			.doesNotContain("token_revoked");
		assertThat(codes("get", "/api/security/sessions", 401)).contains("unauthenticated", "token_revoked");
	}

	@Test
	void twoServicesDescribingOneOperationIsRefused() {
		JsonNode auth = ApiDescription.part(JSON, "auth-service");

		assertThatIllegalStateException().isThrownBy(() -> ApiDescription.merge(JSON, List.of(auth, auth), "c"))
			.withMessageContaining("Two services describe");
	}

	private static String security(String method, String path) {
		return MERGED.path("paths").path(path).path(method).path("security").toString();
	}

	private static List<String> codes(String method, String path, int status) {
		List<String> codes = new ArrayList<>();
		MERGED.path("paths")
			.path(path)
			.path(method)
			.path("responses")
			.path(String.valueOf(status))
			.at("/content/application~1problem+json/schema/properties/code/enum")
			.forEach((code) -> codes.add(code.asString()));
		return codes;
	}

}
