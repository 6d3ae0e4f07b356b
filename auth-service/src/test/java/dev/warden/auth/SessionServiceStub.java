package dev.warden.auth;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.warden.infra.test.TestJwts;
import dev.warden.serviceidentity.CallerKeys;
import dev.warden.serviceidentity.ServiceTokenException;
import dev.warden.serviceidentity.ServiceTokenVerifier;
import dev.warden.serviceidentity.session.SessionGrant;
import dev.warden.serviceidentity.session.SessionGrantSigner;
import dev.warden.serviceidentity.session.SessionSecrets;

/**
 * session-service's internal HTTP contract as auth-service calls it (create, renew by id,
 * attach a grant, end by id, count), recording each call. session-service's own tests
 * cover the real implementation of this contract, and {@code SuiteIT} runs both for real
 * through the gateway; here the stub lets a test switch session-service "off".
 */
public final class SessionServiceStub implements AutoCloseable {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final HttpServer server;

	private final List<Call> calls = new CopyOnWriteArrayList<>();

	private final AtomicBoolean failing = new AtomicBoolean();

	private final AtomicBoolean refuseGrants = new AtomicBoolean();

	private volatile java.time.Clock clock = java.time.Clock.systemUTC();

	private final java.util.concurrent.atomic.AtomicReference<Instant> createdSessionsEnd = new java.util.concurrent.atomic.AtomicReference<>();

	private final java.util.concurrent.atomic.AtomicReference<String> nextRenewalGrant = new java.util.concurrent.atomic.AtomicReference<>();

	/** The grant each session holds, by public id. */
	private final Map<String, String> grants = new java.util.concurrent.ConcurrentHashMap<>();

	private static final SessionGrantSigner GRANTS = new SessionGrantSigner(TestJwts.AUTH_SERVICE_KEY,
			java.time.Clock.systemUTC());

	public SessionServiceStub() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/internal/", this::handle);
		this.server.start();
	}

	private void handle(HttpExchange exchange) throws IOException {
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		String path = exchange.getRequestURI().getPath();
		boolean keyed = fromAuthService(exchange.getRequestHeaders().getFirst("Authorization"));
		this.calls.add(new Call(exchange.getRequestMethod(), exchange.getRequestURI().toString(), body));
		if (this.failing.get()) {
			respond(exchange, 500, "{}");
		}
		else if (!keyed) {
			respond(exchange, 401, "{}");
		}
		else if ("POST".equals(exchange.getRequestMethod()) && path.equals("/internal/sessions")) {
			Instant end = this.createdSessionsEnd.get();
			respond(exchange, 201, issued(randomId(16), true, null).replaceFirst("\"expiresAt\":\"[^\"]+\"",
					end == null ? "$0" : "\"expiresAt\":\"" + end + "\""));
		}
		else if ("POST".equals(exchange.getRequestMethod()) && path.endsWith("/renew")) {
			String[] parts = path.split("/");
			String userId = parts[parts.length - 4];
			String sessionId = parts[parts.length - 2];
			String held = this.nextRenewalGrant.getAndSet(null);
			respond(exchange, 200, issued(sessionId, false,
					held != null ? held : this.grants.computeIfAbsent(sessionId, (id) -> earlierGrant(userId, id))));
		}
		else if ("PUT".equals(exchange.getRequestMethod()) && path.endsWith("/grant")) {
			String[] parts = path.split("/");
			this.grants.put(parts[parts.length - 2], field(body, "grant"));
			exchange.sendResponseHeaders(this.refuseGrants.get() ? 404 : 204, -1);
			exchange.close();
		}
		else if ("GET".equals(exchange.getRequestMethod()) && path.endsWith("/sessions/count")) {
			respond(exchange, 200, "{\"count\":2}");
		}
		else if ("DELETE".equals(exchange.getRequestMethod()) && path.endsWith("/sessions")) {
			respond(exchange, 200, "{\"ended\":2}");
		}
		else if ("DELETE".equals(exchange.getRequestMethod())) {
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		}
		else {
			respond(exchange, 404, "{}");
		}
	}

	private String issued(String sessionId, boolean newDevice, String grant) {
		return "{\"sessionId\":\"" + sessionId + "\",\"expiresAt\":\"" + this.clock.instant().plus(12, ChronoUnit.HOURS)
				+ "\",\"newDevice\":" + newDevice + (grant == null ? "" : ",\"grant\":\"" + grant + "\"") + "}";
	}

	/**
	 * The grant a session opened before the test would hold: the user's, signed with
	 * auth-service's test key.
	 */
	private String earlierGrant(String userId, String sessionId) {
		return GRANTS.sign(new SessionGrant(userId, sessionId, List.of("USER"), List.of("pwd"),
				this.clock.instant().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS), false, false,
				SessionSecrets.hash(SessionSecrets.newSecret()), this.clock.instant().plus(12, ChronoUnit.HOURS)));
	}

	private static String field(String json, String name) {
		java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"")
			.matcher(json);
		return matcher.find() ? matcher.group(1) : null;
	}

	/** Dates answers by this clock (the service's, which tests move). */
	public void clock(java.time.Clock clock) {
		this.clock = clock;
	}

	/**
	 * The grant the session behind {@code sessionId} holds now, as auth-service attached
	 * it (or {@code null}).
	 */
	public String grantOf(String sessionId) {
		return this.grants.get(sessionId);
	}

	/**
	 * Answers the next renewal with this grant, as a session-service taken over might.
	 */
	public void answerNextRenewalWith(String grant) {
		this.nextRenewalGrant.set(grant);
	}

	/**
	 * Answers session creations with this end (or, with {@code null}, twelve hours on),
	 * as a session-service taken over might.
	 */
	public void answerCreatesEndingAt(Instant end) {
		this.createdSessionsEnd.set(end);
	}

	/**
	 * Answers every grant attachment with 404, as for a session that changed meanwhile.
	 */
	public void refuseGrants(boolean refuse) {
		this.refuseGrants.set(refuse);
	}

	private static String randomId(int bytes) {
		byte[] random = new byte[bytes];
		RANDOM.nextBytes(random);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	public void failing(boolean failing) {
		this.failing.set(failing);
	}

	/** Calls whose URI contains {@code fragment}, oldest first. */
	public List<Call> calls(String method, String fragment) {
		return this.calls.stream()
			.filter((call) -> call.method().equals(method) && call.uri().contains(fragment))
			.toList();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	public record Call(String method, String uri, String body) {
	}

	private static final ServiceTokenVerifier AS_SESSION_SERVICE = new ServiceTokenVerifier("session-service",
			CallerKeys.parse(Map.of("auth-service", TestJwts.AUTH_SERVICE_KEY.publicJson())),
			java.time.Clock.systemUTC());

	/**
	 * Whether a call carries auth-service's service token addressed to session-service,
	 * as the real one checks.
	 */
	private static boolean fromAuthService(String authorization) {
		try {
			return "auth-service".equals(AS_SESSION_SERVICE.verifyAuthorization(authorization));
		}
		catch (ServiceTokenException ex) {
			return false;
		}
	}

}
