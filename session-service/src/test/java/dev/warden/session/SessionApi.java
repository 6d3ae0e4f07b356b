package dev.warden.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.warden.infra.test.TestJwts;
import dev.warden.serviceidentity.ServiceKey;
import dev.warden.serviceidentity.session.SessionGrant;
import dev.warden.serviceidentity.session.SessionGrantSigner;
import dev.warden.serviceidentity.session.SessionSecrets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls session-service over HTTP as its real callers do: auth-service and the gateway
 * internally, users publicly. Like auth-service, it makes each cookie value itself and
 * sends session-service only the value's hash.
 */
public final class SessionApi {

	public static final String CHROME_ON_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
			+ "(KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";

	public static final String SAFARI_ON_IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) "
			+ "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1";

	public static final String FIREFOX_ON_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0";

	/** Auth-service's grant-signing key, as far as these tests are concerned. */
	private static final SessionGrantSigner SIGNER = new SessionGrantSigner(ServiceKey.generate(), Clock.systemUTC());

	private final HttpClient http = HttpClient.newHttpClient();

	private final String base;

	private final JsonMapper json;

	public SessionApi(int port, JsonMapper json) {
		this.base = "http://localhost:" + port;
		this.json = json;
	}

	/** Signs a user in from a device with a fresh cookie value. */
	public SignedIn signIn(String userId, String userAgent) {
		String secret = SessionSecrets.newSecret();
		HttpResponse<String> response = create(secret, userId, userAgent);
		if (response.statusCode() != 201) {
			throw new IllegalStateException("sign-in failed: " + response.statusCode() + " " + response.body());
		}
		return SignedIn.of(secret, this.json.readTree(response.body()));
	}

	/**
	 * Asks for a session under the hash of {@code secret}, as auth-service does at
	 * sign-in.
	 */
	public HttpResponse<String> create(String secret, String userId, String userAgent) {
		return internal("POST", "/internal/sessions",
				Map.of("userId", userId, "roles", List.of("USER"), "authMethods", List.of("pwd"), "ip", "203.0.113.7",
						"userAgent", userAgent, "secretHash", SessionSecrets.hash(secret)));
	}

	/**
	 * The gateway's introspection of the cookie value {@code secret}, asked by its hash.
	 */
	public JsonNode introspect(String secret) {
		return read(
				internal("POST", "/internal/sessions/introspect", Map.of("secretHash", SessionSecrets.hash(secret))));
	}

	public boolean isActive(String secret) {
		return introspect(secret).get("active").asBoolean();
	}

	/**
	 * Renews the user's session onto a fresh cookie value, as auth-service does;
	 * {@code fields} are the renewal's other fields. The answer is 200's body with the
	 * new value, or an exception naming any other status.
	 */
	public SignedIn renew(String userId, String sessionId, Map<String, Object> fields) {
		String secret = SessionSecrets.newSecret();
		HttpResponse<String> response = renew(userId, sessionId, SessionSecrets.hash(secret), fields);
		if (response.statusCode() != 200) {
			throw new IllegalStateException("renewal failed: " + response.statusCode() + " " + response.body());
		}
		return SignedIn.of(secret, this.json.readTree(response.body()));
	}

	public HttpResponse<String> renew(String userId, String sessionId, String secretHash, Map<String, Object> fields) {
		Map<String, Object> body = new LinkedHashMap<>(fields);
		body.put("secretHash", secretHash);
		return internal("POST", "/internal/users/" + userId + "/sessions/" + sessionId + "/renew", body);
	}

	/**
	 * Attaches a grant as auth-service does after it signed one for the cookie value
	 * whose hash is given.
	 */
	public HttpResponse<String> attachGrant(String userId, String sessionId, String secretHash, String grant) {
		return internal("PUT", "/internal/users/" + userId + "/sessions/" + sessionId + "/grant",
				Map.of("secretHash", secretHash, "grant", grant));
	}

	/**
	 * A grant as auth-service signs it: for the user's session, bound to the cookie value
	 * {@code session} holds.
	 */
	public static String grantFor(String userId, SignedIn session) {
		return SIGNER.sign(new SessionGrant(userId, session.sessionId(), List.of("USER"), List.of("pwd"), Instant.now(),
				false, false, session.secretHash(), Instant.now().plusSeconds(3600)));
	}

	/**
	 * A browser's session: the cookie value the test made (and kept, as a browser does)
	 * and what session-service answered about it.
	 */
	public record SignedIn(String secret, String sessionId, JsonNode answer) {

		static SignedIn of(String secret, JsonNode answer) {
			return new SignedIn(secret, answer.get("sessionId").asString(), answer);
		}

		public String secretHash() {
			return SessionSecrets.hash(this.secret);
		}

		public boolean newDevice() {
			return this.answer.get("newDevice").asBoolean();
		}
	}

	/**
	 * An internal call as the service that makes it: the gateway introspects,
	 * auth-service does the rest.
	 */
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
