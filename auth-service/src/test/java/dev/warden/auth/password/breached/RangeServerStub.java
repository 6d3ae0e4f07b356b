package dev.warden.auth.password.breached;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The Pwned Passwords range API on loopback, over real HTTP: {@code GET /range/<PREFIX>}
 * answers the suffixes of the passwords made breached here, with padding lines (count 0)
 * as the real API adds when asked to. It can fail (500) or hang, and records what it was
 * asked.
 */
public final class RangeServerStub implements AutoCloseable {

	private final HttpServer server;

	private final Map<String, Long> breached = new ConcurrentHashMap<>();

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private volatile int failWith;

	private volatile long delayMillis;

	private volatile int extraLines;

	private volatile String answer;

	public RangeServerStub() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
		this.server.createContext("/range/", this::answer);
		this.server.start();
	}

	/** The base URL, for {@code WARDEN_PASSWORD_BREACHED_RANGEURL}. */
	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/range/";
	}

	/**
	 * Makes {@code password} (NFKC-normalised as it is hashed) breached, {@code count}
	 * times.
	 */
	public RangeServerStub breach(String password, long count) {
		this.breached.put(sha1(password), count);
		return this;
	}

	/** Answers every request with this status (0: normally). */
	public RangeServerStub failWith(int status) {
		this.failWith = status;
		return this;
	}

	/** Waits this long before answering. */
	public RangeServerStub delay(long millis) {
		this.delayMillis = millis;
		return this;
	}

	/**
	 * Answers every request with this body instead of a range ({@code null}: a range).
	 */
	public RangeServerStub answerWith(String body) {
		this.answer = body;
		return this;
	}

	/** Pads every answer with this many more lines (a hostile server's endless range). */
	public RangeServerStub padWith(int lines) {
		this.extraLines = lines;
		return this;
	}

	public List<Request> requests() {
		return List.copyOf(this.requests);
	}

	private void answer(HttpExchange exchange) throws IOException {
		String prefix = exchange.getRequestURI().getPath().substring("/range/".length());
		this.requests.add(new Request(prefix, exchange.getRequestHeaders().getFirst("Add-Padding")));
		try {
			Thread.sleep(this.delayMillis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (this.failWith != 0) {
			exchange.sendResponseHeaders(this.failWith, -1);
			exchange.close();
			return;
		}
		StringBuilder body = new StringBuilder();
		if (this.answer != null) {
			body.append(this.answer);
			byte[] page = body.toString().getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, page.length);
			exchange.getResponseBody().write(page);
			exchange.close();
			return;
		}
		this.breached.forEach((hash, count) -> {
			if (hash.startsWith(prefix)) {
				body.append(hash.substring(5)).append(':').append(count).append("\r\n");
			}
		});
		for (int i = 0; i < this.extraLines; i++) {
			body.append(String.format("%035X:0\r\n", i));
		}
		// Padding, as Add-Padding asks: suffixes nobody used, count 0.
		body.append("0000000000000000000000000000000000A:0\r\n");
		body.append("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFB:0");
		byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "text/plain");
		exchange.sendResponseHeaders(200, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

	public static String sha1(String password) {
		try {
			return HexFormat.of()
				.withUpperCase()
				.formatHex(MessageDigest.getInstance("SHA-1").digest(password.getBytes(StandardCharsets.UTF_8)));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/** What one request asked for: the prefix, and its Add-Padding header. */
	public record Request(String prefix, String addPadding) {
	}

}
