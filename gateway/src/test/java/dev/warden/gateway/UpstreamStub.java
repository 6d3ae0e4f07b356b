package dev.warden.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import dev.warden.serviceidentity.CallerKeys;
import dev.warden.serviceidentity.ServiceKey;
import dev.warden.serviceidentity.ServiceTokenException;
import dev.warden.serviceidentity.ServiceTokenVerifier;
import dev.warden.serviceidentity.token.TokenGrants;
import dev.warden.event.ApiTokenFormat;
import dev.warden.serviceidentity.session.SessionGrant;
import dev.warden.serviceidentity.session.SessionGrantSigner;
import dev.warden.serviceidentity.session.SessionSecrets;

/**
 * A stand-in for a service's HTTP contract: answers 200 with a small JSON body and
 * records what arrived, so a test can see exactly which path and headers the gateway
 * forwarded. Credentials a test makes for itself ({@link #newSession}, {@link #newToken})
 * are revoked by the stub's services the way the real ones revoke them (sign-out, end
 * other sessions, password change, re-authentication, deleting a session or token); a
 * request carrying {@code X-Stub-Status} is answered with that status instead, and
 * revokes nothing.
 */
final class UpstreamStub implements AutoCloseable {

	private final HttpServer server;

	/**
	 * Cookie values the stub's session-service knows: a live session, one that must
	 * change its password, one that breaks.
	 */
	static final String ACTIVE_SECRET = "A".repeat(43);

	static final String PASSWORD_CHANGE_SECRET = "P".repeat(43);

	static final String BROKEN_SECRET = "B".repeat(43);

	static final String ADMIN_SECRET = "M".repeat(43);

	/**
	 * An administrator's session held to two-factor set-up, and one that must change its
	 * password first.
	 */
	static final String TWO_FACTOR_SETUP_SECRET = "T".repeat(43);

	static final String BOTH_FLAGS_SECRET = "F".repeat(43);

	/** API tokens the stub's token-service knows. */
	static final String ACTIVE_TOKEN = dev.warden.event.ApiTokenFormat.newToken();

	static final String EXPIRED_TOKEN = dev.warden.event.ApiTokenFormat.newToken();

	static final String REVOKED_TOKEN = dev.warden.event.ApiTokenFormat.newToken();

	static final String TOKEN_ID = "6f1c1d2e-0000-4000-8000-000000000042";

	private final java.util.concurrent.atomic.AtomicInteger tokenIntrospections = new java.util.concurrent.atomic.AtomicInteger();

	int tokenIntrospections() {
		return this.tokenIntrospections.get();
	}

	/**
	 * The gateway's service key in these tests; the stub checks introspection calls carry
	 * its tokens.
	 */
	static final ServiceKey GATEWAY_SERVICE_KEY = ServiceKey.generate();

	private static final CallerKeys CALLERS = CallerKeys.parse(Map.of("gateway", GATEWAY_SERVICE_KEY.publicJson()));

	/**
	 * auth-service's key in these tests: the stub's session-service hands out grants it
	 * signed.
	 */
	static final ServiceKey AUTH_SERVICE_KEY = ServiceKey.generate();

	private static final SessionGrantSigner GRANTS = new SessionGrantSigner(AUTH_SERVICE_KEY,
			java.time.Clock.systemUTC());

	/** The end of the stub's live sessions. */
	static final java.time.Instant SESSION_END = java.time.Instant.parse("2099-01-01T00:00:00Z");

	private static final java.time.Instant AUTHENTICATED_AT = java.time.Instant.parse("2026-11-26T10:00:00Z");

	private static final ServiceTokenVerifier AS_SESSION_SERVICE = new ServiceTokenVerifier("session-service", CALLERS,
			java.time.Clock.systemUTC());

	private static final ServiceTokenVerifier AS_TOKEN_SERVICE = new ServiceTokenVerifier("token-service", CALLERS,
			java.time.Clock.systemUTC());

	static final String USER_ID = "user-42";

	static final String SESSION_ID = "sessionPublicId0000001";

	private final List<Received> received = new CopyOnWriteArrayList<>();

	/** A session or token a test made: its owner and its public id. */
	record Credential(String userId, String id) {
	}

	private final Map<String, Credential> sessions = new java.util.concurrent.ConcurrentHashMap<>();

	private final Map<String, Credential> tokens = new java.util.concurrent.ConcurrentHashMap<>();

	private final Map<String, String> tokenRoles = new java.util.concurrent.ConcurrentHashMap<>();

	private final java.util.Set<String> revoked = java.util.concurrent.ConcurrentHashMap.newKeySet();

	/**
	 * What session-service says about a cookie value, whatever it knows: see
	 * {@link #answer}.
	 */
	private final Map<String, String> scripted = new java.util.concurrent.ConcurrentHashMap<>();

	/**
	 * What token-service says about a token, whatever it knows: see {@link #answerToken}.
	 */
	private final Map<String, String> scriptedTokens = new java.util.concurrent.ConcurrentHashMap<>();

	/**
	 * The gateway's token grants in these tests, signed with its service key as the
	 * gateway signs them.
	 */
	static final TokenGrants TOKEN_GRANTS = new TokenGrants(GATEWAY_SERVICE_KEY, "", java.time.Clock.systemUTC());

	/**
	 * token-service answers every introspection of this token with {@code answer},
	 * verbatim.
	 */
	void answerToken(String token, String answer) {
		this.scriptedTokens.put(token, answer);
	}

	/** A live token's introspection answer as token-service gives it. */
	static String tokenAnswer(String tokenId, String userId, String role, String grant) {
		return "{\"active\":true,\"tokenId\":\"" + tokenId + "\",\"userId\":\"" + userId + "\",\"role\":\"" + role
				+ "\",\"expiresAt\":\"2099-01-01T00:00:00Z\"" + (grant == null ? "" : ",\"grant\":\"" + grant + "\"")
				+ "}";
	}

	/** The bodies of the token introspections that arrived, in order. */
	private final List<String> tokenIntrospectionBodies = new CopyOnWriteArrayList<>();

	List<String> tokenIntrospectionBodies() {
		return this.tokenIntrospectionBodies;
	}

	/** The bodies of the session introspections that arrived, in order. */
	private final List<String> sessionIntrospections = new CopyOnWriteArrayList<>();

	/**
	 * Introspections of these credentials wait, once they have their (live) answer, until
	 * the test lets go.
	 */
	private final Map<String, Hold> holds = new java.util.concurrent.ConcurrentHashMap<>();

	private final java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newCachedThreadPool();

	/**
	 * A live session of {@code userId} with public id {@code sessionId}; returns its
	 * cookie value.
	 */
	String newSession(String userId, String sessionId) {
		String secret = java.util.UUID.randomUUID().toString().replace("-", "")
				+ java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 11);
		this.sessions.put(secret, new Credential(userId, sessionId));
		return secret;
	}

	/**
	 * session-service answers every introspection of this cookie value with
	 * {@code answer}, verbatim, however it is asked about it (by the cookie's hash, or by
	 * the value itself).
	 */
	void answer(String secret, String answer) {
		this.scripted.put(secret, answer);
	}

	List<String> sessionIntrospections() {
		return this.sessionIntrospections;
	}

	/**
	 * A grant auth-service would sign for a session of {@code userId} behind the cookie
	 * {@code secret}.
	 */
	static SessionGrant grantFor(String secret, String userId, String sessionId, List<String> roles,
			java.time.Instant expiresAt) {
		return new SessionGrant(userId, sessionId, roles, List.of("pwd"), AUTHENTICATED_AT, false, false,
				SessionSecrets.hash(secret), expiresAt);
	}

	/** A grant signed with {@code key}: auth-service's own, or any other. */
	static String signed(ServiceKey key, SessionGrant grant) {
		return new SessionGrantSigner(key, java.time.Clock.systemUTC()).sign(grant);
	}

	/**
	 * session-service's answer about a live session: the identity fields as given, and
	 * the grant (a compact JWS, or {@code null} for none).
	 */
	static String liveAnswer(String userId, String sessionId, List<String> roles, String grant) {
		return liveAnswer(userId, sessionId, roles, false, false, grant);
	}

	private static String liveAnswer(String userId, String sessionId, List<String> roles,
			boolean passwordChangeRequired, boolean twoFactorSetupRequired, String grant) {
		return "{\"active\":true,\"sessionId\":\"" + sessionId + "\",\"userId\":\"" + userId + "\",\"roles\":["
				+ String.join(",", roles.stream().map((role) -> "\"" + role + "\"").toList())
				+ "],\"authMethods\":[\"pwd\"],\"authenticatedAt\":\"" + AUTHENTICATED_AT + "\",\"expiresAt\":\""
				+ SESSION_END + "\",\"passwordChangeRequired\":" + passwordChangeRequired
				+ ",\"twoFactorSetupRequired\":" + twoFactorSetupRequired + ",\"grant\":"
				+ (grant == null ? "null" : "\"" + grant + "\"") + "}";
	}

	/** A live API token of {@code userId} with id {@code tokenId}. */
	String newToken(String userId, String tokenId) {
		return newToken(userId, tokenId, "USER");
	}

	/** A live API token of {@code userId} with id {@code tokenId} and the given role. */
	String newToken(String userId, String tokenId, String role) {
		String token = dev.warden.event.ApiTokenFormat.newToken();
		this.tokens.put(token, new Credential(userId, tokenId));
		this.tokenRoles.put(token, role);
		return token;
	}

	/**
	 * Ends a credential behind the gateway's back (as another replica or a Kafka-less
	 * path would).
	 */
	void revoke(String credential) {
		this.revoked.add(credential);
	}

	/**
	 * Holds the next introspection of a credential after its answer is made; see
	 * {@link Hold}.
	 */
	Hold hold(String credential) {
		Hold hold = new Hold(new java.util.concurrent.CountDownLatch(1), new java.util.concurrent.CountDownLatch(1));
		this.holds.put(credential, hold);
		return hold;
	}

	/**
	 * {@code arrived} opens when the held introspection has its answer; the test opens
	 * {@code release}.
	 */
	record Hold(java.util.concurrent.CountDownLatch arrived, java.util.concurrent.CountDownLatch release) {
	}

	private String made(Map<String, Credential> credentials, String body) {
		return credentials.keySet().stream().filter(body::contains).findFirst().orElse(null);
	}

	/** The token a test made whose hash the introspection body names. */
	private String madeToken(String body) {
		return this.tokens.keySet().stream().filter((token) -> asksToken(body, token)).findFirst().orElse(null);
	}

	/**
	 * Whether a token introspection asks about this token, by its hash as the gateway
	 * asks.
	 */
	private static boolean asksToken(String body, String token) {
		return body.contains("\"tokenHash\":\"" + ApiTokenFormat.hash(token) + "\"");
	}

	/** The session a test made whose cookie's hash the body names. */
	private String madeSession(String body) {
		return this.sessions.keySet()
			.stream()
			.filter((secret) -> body.contains(SessionSecrets.hash(secret)))
			.findFirst()
			.orElse(null);
	}

	/** Whether the introspection body asks about this cookie value (by its hash). */
	private static boolean asks(String body, String secret) {
		return body.contains("\"secretHash\":\"" + SessionSecrets.hash(secret) + "\"");
	}

	private void awaitRelease(String credential) {
		Hold hold = credential == null ? null : this.holds.remove(credential);
		if (hold != null) {
			hold.arrived().countDown();
			try {
				hold.release().await(10, java.util.concurrent.TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/** What the real services end when they answer this request successfully. */
	private void revokeAsTheServicesWould(String method, String path, String claims) {
		String userId = claim(claims, "sub");
		String sessionId = claim(claims, "sid");
		java.util.function.BiConsumer<Map<String, Credential>, java.util.function.Predicate<Credential>> end = (
				credentials, which) -> credentials.forEach((value, credential) -> {
					if (which.test(credential)) {
						this.revoked.add(value);
					}
				});
		java.util.function.Predicate<Credential> others = (credential) -> credential.userId().equals(userId)
				&& !credential.id().equals(sessionId);
		java.util.function.Predicate<Credential> same = (credential) -> credential.id().equals(sessionId);
		switch (method + " " + path) {
			case "POST /api/auth/logout", "POST /api/auth/reauthenticate", "POST /api/security/two-factor/confirm" ->
				end.accept(this.sessions, same);
			case "POST /api/security/sessions/end-others" -> end.accept(this.sessions, others);
			case "POST /api/security/password" -> end.accept(this.sessions, others.or(same));
			default -> {
				if (method.equals("DELETE") && path.startsWith("/api/security/sessions/")) {
					String id = path.substring("/api/security/sessions/".length());
					end.accept(this.sessions, (credential) -> credential.id().equals(id));
				}
				if (method.equals("DELETE") && path.startsWith("/api/security/tokens/")) {
					String id = path.substring("/api/security/tokens/".length());
					end.accept(this.tokens, (credential) -> credential.id().equals(id));
				}
			}
		}
	}

	private static String claim(String claims, String name) {
		java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\"" + name + "\":\"([^\"]*)\"")
			.matcher(claims);
		return matcher.find() ? matcher.group(1) : "";
	}

	private final java.util.concurrent.atomic.AtomicInteger introspections = new java.util.concurrent.atomic.AtomicInteger();

	int introspections() {
		return this.introspections.get();
	}

	private static String session(String secret, boolean passwordChangeRequired, List<String> roles) {
		return session(secret, USER_ID, SESSION_ID, passwordChangeRequired, false, roles);
	}

	/**
	 * A live session's answer as the real session-service gives it: its fields, and
	 * auth-service's grant for them.
	 */
	private static String session(String secret, String userId, String sessionId, boolean passwordChangeRequired,
			boolean twoFactorSetupRequired, List<String> roles) {
		String grant = GRANTS.sign(new SessionGrant(userId, sessionId, roles, List.of("pwd"), AUTHENTICATED_AT,
				passwordChangeRequired, twoFactorSetupRequired, SessionSecrets.hash(secret), SESSION_END));
		return liveAnswer(userId, sessionId, roles, passwordChangeRequired, twoFactorSetupRequired, grant);
	}

	UpstreamStub() {
		this(InetAddress.getLoopbackAddress(), 0);
	}

	/**
	 * A stub on one address and port, e.g. one of several replicas on 127.0.0.x with the
	 * same port.
	 */
	UpstreamStub(InetAddress address, int port) {
		try {
			this.server = HttpServer.create(new InetSocketAddress(address, port), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/internal/sessions/introspect", (exchange) -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			boolean keyed = fromGateway(AS_SESSION_SERVICE, exchange);
			String answer;
			int status = 200;
			String made = madeSession(body);
			String script = this.scripted.entrySet()
				.stream()
				.filter((scripted) -> asks(body, scripted.getKey()) || body.contains(scripted.getKey()))
				.map(Map.Entry::getValue)
				.findFirst()
				.orElse(null);
			this.sessionIntrospections.add(body);
			if (keyed && script != null) {
				answer = script;
			}
			else if (keyed && made != null) {
				Credential session = this.sessions.get(made);
				answer = this.revoked.contains(made) ? "{\"active\":false}"
						: session(made, session.userId(), session.id(), false, false, List.of("USER"));
			}
			else if (keyed && asks(body, ACTIVE_SECRET)) {
				answer = session(ACTIVE_SECRET, false, List.of("USER"));
			}
			else if (keyed && asks(body, ADMIN_SECRET)) {
				answer = session(ADMIN_SECRET, false, List.of("USER", "ADMIN"));
			}
			else if (keyed && asks(body, PASSWORD_CHANGE_SECRET)) {
				answer = session(PASSWORD_CHANGE_SECRET, true, List.of("USER"));
			}
			else if (keyed && asks(body, TWO_FACTOR_SETUP_SECRET)) {
				answer = session(TWO_FACTOR_SETUP_SECRET, "user-held-to-two-factor", SESSION_ID, false, true,
						List.of("USER", "ADMIN"));
			}
			else if (keyed && asks(body, BOTH_FLAGS_SECRET)) {
				// Its own user: its password change must not spend another test's
				// rate-limit bucket.
				answer = session(BOTH_FLAGS_SECRET, "user-with-both-flags", SESSION_ID, true, true, List.of("USER"));
			}
			else if (asks(body, BROKEN_SECRET)) {
				status = 500;
				answer = "{}";
			}
			else {
				answer = "{\"active\":false}";
			}
			this.introspections.incrementAndGet();
			awaitRelease(made);
			byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(status, bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		});
		this.server.createContext("/internal/tokens/introspect", (exchange) -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			this.tokenIntrospectionBodies.add(body);
			boolean keyed = fromGateway(AS_TOKEN_SERVICE, exchange);
			String answer;
			String made = madeToken(body);
			if (keyed && made != null) {
				Credential token = this.tokens.get(made);
				answer = this.revoked.contains(made) ? "{\"active\":false,\"reason\":\"revoked\"}" : tokenAnswer(
						token.id(), token.userId(), this.tokenRoles.get(made),
						TOKEN_GRANTS.sign(token.userId(), this.tokenRoles.get(made), 12, ApiTokenFormat.hash(made)));
			}
			else if (keyed && scriptedTokens.keySet().stream().anyMatch((token) -> asksToken(body, token))) {
				answer = scriptedTokens.entrySet()
					.stream()
					.filter((entry) -> asksToken(body, entry.getKey()))
					.findFirst()
					.orElseThrow()
					.getValue();
			}
			else if (keyed && asksToken(body, ACTIVE_TOKEN)) {
				answer = tokenAnswer(TOKEN_ID, USER_ID, "USER",
						TOKEN_GRANTS.sign(USER_ID, "USER", 12, ApiTokenFormat.hash(ACTIVE_TOKEN)));
			}
			else if (keyed && asksToken(body, EXPIRED_TOKEN)) {
				answer = "{\"active\":false,\"reason\":\"expired\"}";
			}
			else if (keyed && asksToken(body, REVOKED_TOKEN)) {
				answer = "{\"active\":false,\"reason\":\"revoked\"}";
			}
			else {
				answer = "{\"active\":false,\"reason\":\"unknown\"}";
			}
			this.tokenIntrospections.incrementAndGet();
			awaitRelease(made);
			byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		});
		this.server.createContext("/", (exchange) -> {
			Received arrived = new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
					Map.copyOf(exchange.getRequestHeaders()),
					new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			this.received.add(arrived);
			String forced = exchange.getRequestHeaders().getFirst("X-Stub-Status");
			if (forced == null && arrived.hasHeader("Authorization")) {
				revokeAsTheServicesWould(arrived.method(), exchange.getRequestURI().getPath(), arrived.claims());
			}
			byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			if (forced == null && "POST".equals(arrived.method())
					&& exchange.getRequestURI().getPath().equals("/api/auth/login")) {
				// As auth-service does: a completed sign-in sets the new session's
				// cookie.
				exchange.getResponseHeaders()
					.add("Set-Cookie",
							"__Host-warden_session=" + "N".repeat(43) + "; Path=/; Secure; HttpOnly; SameSite=Lax");
			}
			exchange.sendResponseHeaders(forced == null ? 200 : Integer.parseInt(forced), body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	List<Received> received() {
		return this.received;
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	record Received(String method, String uri, Map<String, List<String>> headers, String body) {

		boolean hasHeader(String name) {
			return this.headers.keySet().stream().anyMatch((header) -> header.equalsIgnoreCase(name));
		}

		/**
		 * The values of a header, whatever the case of its name (the JDK server changes
		 * it).
		 */
		List<String> header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((header) -> header.getKey().equalsIgnoreCase(name))
				.flatMap((header) -> header.getValue().stream())
				.toList();
		}

		/** The decoded claims of the internal JWT the gateway sent. */
		String claims() {
			String authorization = this.headers.entrySet()
				.stream()
				.filter((header) -> header.getKey().equalsIgnoreCase("Authorization"))
				.map((header) -> header.getValue().get(0))
				.findFirst()
				.orElseThrow();
			String jwt = authorization.substring("Bearer ".length());
			return new String(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
		}
	}

	/** Whether the call carries the gateway's service token addressed to this service. */
	private static boolean fromGateway(ServiceTokenVerifier service, com.sun.net.httpserver.HttpExchange exchange) {
		try {
			return "gateway"
				.equals(service.verifyAuthorization(exchange.getRequestHeaders().getFirst("Authorization")));
		}
		catch (ServiceTokenException ex) {
			return false;
		}
	}

}
