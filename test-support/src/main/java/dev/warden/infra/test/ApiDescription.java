package dev.warden.infra.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service's part of the public API description as its controllers make it (springdoc,
 * in the service's tests) and as the repository keeps it
 * ({@link ApiContract#DESCRIPTIONS}, which the gateway serves merged). Run a service's
 * tests with {@code -Dwarden.api.write=true} to write it again after a change.
 */
public final class ApiDescription {

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private ApiDescription() {
	}

	/**
	 * Fails unless the kept description of {@code service} is {@code made}; writes it
	 * instead when asked to.
	 */
	public static void assertKept(String service, String made) {
		String pretty = JSON.writeValueAsString(JSON.readTree(made)) + "\n";
		Path file = ApiContract.DESCRIPTIONS.resolve(service + ".json");
		try {
			if (Boolean.getBoolean("warden.api.write")) {
				Files.createDirectories(file.getParent());
				Files.writeString(file, pretty, StandardCharsets.UTF_8);
			}
			assertThat(file).as("the API description of " + service + " (write it with -Dwarden.api.write=true)")
				.exists();
			assertThat(Files.readString(file, StandardCharsets.UTF_8))
				.as("%s: the kept description is the one the controllers make (write it with -Dwarden.api.write=true)",
						file)
				.isEqualTo(pretty);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The description springdoc makes of the service listening on {@code port}, asked as
	 * a caller the gateway vouched for.
	 */
	public static String made(int port) {
		java.net.http.HttpRequest request = java.net.http.HttpRequest
			.newBuilder(java.net.URI.create("http://localhost:" + port + "/v3/api-docs"))
			.header("Authorization",
					TestJwts.shared().forUser("api-description").session("apiDescriptionSession0").bearer())
			.build();
		try {
			java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
				.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			return response.body();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The public endpoints ({@code /api/**}) the service's controllers map, as
	 * {@code "GET /api/me"}.
	 */
	public static Set<String> endpoints(
			org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping mappings) {
		Set<String> endpoints = new TreeSet<>();
		mappings.getHandlerMethods().keySet().forEach((info) -> {
			for (String path : info.getPatternValues()) {
				if (path.startsWith("/api/")) {
					info.getMethodsCondition()
						.getMethods()
						.forEach((method) -> endpoints.add(method.name() + " " + path));
				}
			}
		});
		return endpoints;
	}

	/** The operations a description names, as {@code "GET /api/me"}. */
	public static Set<String> operations(String description) {
		JsonNode api = JSON.readTree(description);
		Set<String> operations = new TreeSet<>();
		for (Map.Entry<String, JsonNode> path : api.path("paths").properties()) {
			for (String method : path.getValue().propertyNames()) {
				operations.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey());
			}
		}
		return operations;
	}

}
