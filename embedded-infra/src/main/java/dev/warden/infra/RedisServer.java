package dev.warden.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A real Redis server (the binary shipped in the embedded-redis artifact), on loopback only. */
public final class RedisServer implements AutoCloseable {

	private final redis.embedded.RedisServer server;

	private final int port;

	private RedisServer(redis.embedded.RedisServer server, int port) {
		this.server = server;
		this.port = port;
	}

	public static RedisServer start(int port, Path dataDirectory) {
		int chosen = FreePorts.orFree(port);
		try {
			var builder = redis.embedded.RedisServer.newRedisServer()
				.port(chosen)
				.bind("127.0.0.1")
				.setting("maxmemory-policy noeviction");
			if (dataDirectory != null) {
				Files.createDirectories(dataDirectory);
				builder.setting("dir " + dataDirectory.toAbsolutePath()).setting("appendonly yes");
			}
			else {
				builder.setting("save \"\"").setting("appendonly no");
			}
			redis.embedded.RedisServer server = builder.build();
			server.start();
			return new RedisServer(server, chosen);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Redis did not start", ex);
		}
	}

	public int port() {
		return this.port;
	}

	public String url() {
		return "redis://localhost:" + this.port;
	}

	/** Stops the server, for tests of what happens while Redis is down. */
	public void stop() {
		try {
			this.server.stop();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Starts it again on the same port after {@link #stop()}. */
	public void restart() {
		try {
			this.server.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		if (this.server.isActive()) {
			stop();
		}
	}
}
