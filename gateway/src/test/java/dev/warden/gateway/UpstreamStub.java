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

	private final List<Received> received = new CopyOnWriteArrayList<>();

	UpstreamStub() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
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
