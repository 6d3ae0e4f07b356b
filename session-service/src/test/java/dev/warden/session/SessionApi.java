package dev.warden.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import dev.warden.infra.test.TestJwts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls session-service over HTTP as its real callers do: auth-service and the gateway internally, users publicly. */
public final class SessionApi {

	public static final String CHROME_ON_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
			+ "(KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";

	public static final String SAFARI_ON_IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) "
			+ "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1";

	public static final String FIREFOX_ON_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0";

	private final HttpClient http = HttpClient.newHttpClient();

	private final String base;

	private final JsonMapper json;

	public SessionApi(int port, JsonMapper json) {
		this.base = "http://localhost:" + port;
		this.json = json;
	}

	/** Signs a user in from a device; returns the created session (secret, sessionId, newDevice). */
	public JsonNode signIn(String userId, String userAgent) {
		HttpResponse<String> response = internal("POST", "/internal/sessions",
				Map.of("userId", userId, "roles", List.of("USER"), "authMethods", List.of("pwd"), "ip", "203.0.113.7",
						"userAgent", userAgent));
		if (response.statusCode() != 201) {
			throw new IllegalStateException("sign-in failed: " + response.statusCode() + " " + response.body());
		}
		return this.json.readTree(response.body());
	}

	public boolean isActive(String secret) {
		HttpResponse<String> response = internal("POST", "/internal/sessions/introspect", Map.of("secret", secret));
		return this.json.readTree(response.body()).get("active").asBoolean();
	}

	/** An internal call as the service that makes it: the gateway introspects, auth-service does the rest. */
	public HttpResponse<String> internal(String method, String path, Object body) {
		return internalAs(path.endsWith("/introspect") ? "gateway" : "auth-service", method, path, body);
	}

	public HttpResponse<String> internalAs(String caller, String method, String path, Object body) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Authorization", TestJwts.serviceCall(caller, "session-service"))
			.header("Content-Type", "application/json")
			.method(method, HttpRequest.BodyPublishers.ofString(this.json.writeValueAsString(body)))
			.build());
	}

	/** A public call as the user of {@code session}, through the gateway's identity. */
	public HttpResponse<String> asUser(String method, String path, TestJwts.Builder identity) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Authorization", identity.bearer())
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build());
	}

	public JsonNode read(HttpResponse<String> response) {
		return this.json.readTree(response.body());
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}
}
