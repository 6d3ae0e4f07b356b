package dev.warden.gateway.apidocs;

import java.util.Map;

import dev.warden.gateway.authentication.CookieProperties;
import dev.warden.gateway.problem.GatewayProblems;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Serves the API description at {@value #DESCRIPTION} and a page to browse it at
 * {@value #PAGE} (Swagger UI's two files, copied from its webjar into the gateway's jar
 * at build time: no CDN, and nothing inline, so the Content Security Policy stays as
 * strict as for the Security page). Both are public: no route leads here, so no caller is
 * looked for.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsRoutes {

	static final String PAGE = "/api/docs";

	static final String DESCRIPTION = "/api/docs/openapi.json";

	private static final MediaType JAVASCRIPT = MediaType.parseMediaType("text/javascript");

	private static final MediaType CSS = MediaType.parseMediaType("text/css");

	@Bean
	RouterFunction<ServerResponse> apiDocs(JsonMapper json, CookieProperties cookie) {
		byte[] description = json.writeValueAsBytes(ApiDescription.merged(json, cookie.effectiveName()));
		String ui = "apidocs/swagger-ui/";
		Map<String, Asset> assets = Map.of("swagger-ui.css",
				new Asset(new ClassPathResource(ui + "swagger-ui.css"), CSS), "swagger-ui-bundle.js",
				new Asset(new ClassPathResource(ui + "swagger-ui-bundle.js"), JAVASCRIPT), "api-docs.js",
				new Asset(new ClassPathResource("apidocs/api-docs.js"), JAVASCRIPT), "api-docs.css",
				new Asset(new ClassPathResource("apidocs/api-docs.css"), CSS));
		Resource page = new ClassPathResource("apidocs/index.html");
		return RouterFunctions.route()
			.GET(DESCRIPTION,
					(request) -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(description))
			.GET(PAGE, (request) -> ServerResponse.ok().contentType(MediaType.TEXT_HTML).bodyValue(page))
			.GET(PAGE + "/{asset}", (request) -> asset(assets, request))
			.build();
	}

	private static Mono<ServerResponse> asset(Map<String, Asset> assets, ServerRequest request) {
		Asset asset = assets.get(request.pathVariable("asset"));
		if (asset == null) {
			// Like every other failure: a problem with its stable code.
			return ServerResponse.status(HttpStatus.NOT_FOUND)
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.bodyValue(GatewayProblems.body(HttpStatus.NOT_FOUND, "not_found", "Not Found", "No such resource."));
		}
		return ServerResponse.ok().contentType(asset.type()).bodyValue(asset.resource());
	}

	private record Asset(Resource resource, MediaType type) {
	}

}
