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

/**
 * A stand-in for a service's HTTP contract: answers 200 with a small JSON body and records what arrived, so a
 * test can see exactly which path and headers the gateway forwarded.
 */
final class UpstreamStub implements AutoCloseable {

	private final HttpServer server;

	/** Cookie values the stub's session-service knows: a live session, one that must change its password, one that breaks. */
	static final String ACTIVE_SECRET = "A".repeat(43);

	static final String PASSWORD_CHANGE_SECRET = "P".repeat(43);

	static final String BROKEN_SECRET = "B".repeat(43);

	static final String ADMIN_SECRET = "M".repeat(43);

	/** API tokens the stub's token-service knows. */
	static final String ACTIVE_TOKEN = dev.warden.event.ApiTokenFormat.newToken();

	static final String EXPIRED_TOKEN = dev.warden.event.ApiTokenFormat.newToken();

	static final String REVOKED_TOKEN = dev.warden.event.ApiTokenFormat.newToken();

	static final String TOKEN_ID = "6f1c1d2e-0000-4000-8000-000000000042";

	private final java.util.concurrent.atomic.AtomicInteger tokenIntrospections = new java.util.concurrent.atomic.AtomicInteger();

	int tokenIntrospections() {
		return this.tokenIntrospections.get();
	}

	static final String INTERNAL_KEY = "gateway-test-internal-key-0123456789abcdef";

	static final String USER_ID = "user-42";

	static final String SESSION_ID = "sessionPublicId0000001";

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final java.util.concurrent.atomic.AtomicInteger introspections = new java.util.concurrent.atomic.AtomicInteger();

	int introspections() {
		return this.introspections.get();
	}

	private static String session(boolean passwordChangeRequired, String roles) {
		return "{\"active\":true,\"sessionId\":\"" + SESSION_ID + "\",\"userId\":\"" + USER_ID
				+ "\",\"roles\":[" + roles + "],\"authMethods\":[\"pwd\"],\"authenticatedAt\":\"2026-11-26T10:00:00Z\","
				+ "\"expiresAt\":\"2099-01-01T00:00:00Z\",\"passwordChangeRequired\":" + passwordChangeRequired + "}";
	}

	UpstreamStub() {
		this(InetAddress.getLoopbackAddress(), 0);
	}

	/** A stub on one address and port, e.g. one of several replicas on 127.0.0.x with the same port. */
	UpstreamStub(InetAddress address, int port) {
		try {
			this.server = HttpServer.create(new InetSocketAddress(address, port), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/internal/sessions/introspect", (exchange) -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			boolean keyed = INTERNAL_KEY.equals(exchange.getRequestHeaders().getFirst("X-Warden-Internal-Key"));
			String answer;
			int status = 200;
			if (keyed && body.contains(ACTIVE_SECRET)) {
				answer = session(false, "\"USER\"");
			}
			else if (keyed && body.contains(ADMIN_SECRET)) {
				answer = session(false, "\"USER\",\"ADMIN\"");
			}
			else if (keyed && body.contains(PASSWORD_CHANGE_SECRET)) {
				answer = session(true, "\"USER\"");
			}
			else if (body.contains(BROKEN_SECRET)) {
				status = 500;
				answer = "{}";
			}
			else {
				answer = "{\"active\":false}";
			}
			this.introspections.incrementAndGet();
			byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(status, bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		});
		this.server.createContext("/internal/tokens/introspect", (exchange) -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			boolean keyed = INTERNAL_KEY.equals(exchange.getRequestHeaders().getFirst("X-Warden-Internal-Key"));
			String answer;
			if (keyed && body.contains(ACTIVE_TOKEN)) {
				answer = "{\"active\":true,\"tokenId\":\"" + TOKEN_ID + "\",\"userId\":\"" + USER_ID
						+ "\",\"role\":\"USER\",\"expiresAt\":\"2099-01-01T00:00:00Z\"}";
			}
			else if (keyed && body.contains(EXPIRED_TOKEN)) {
				answer = "{\"active\":false,\"reason\":\"expired\"}";
			}
			else if (keyed && body.contains(REVOKED_TOKEN)) {
				answer = "{\"active\":false,\"reason\":\"revoked\"}";
			}
			else {
				answer = "{\"active\":false,\"reason\":\"unknown\"}";
			}
			this.tokenIntrospections.incrementAndGet();
			byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		});
		this.server.createContext("/", (exchange) -> {
			this.received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
					Map.copyOf(exchange.getRequestHeaders())));
			byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
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
	}

	record Received(String method, String uri, Map<String, List<String>> headers) {

		boolean hasHeader(String name) {
			return this.headers.keySet().stream().anyMatch((header) -> header.equalsIgnoreCase(name));
		}
	}
}
