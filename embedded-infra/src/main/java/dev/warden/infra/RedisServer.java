package dev.warden.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A real Redis server (the binary shipped in the embedded-redis artifact), on loopback
 * only, with the users of {@link RedisAcl}: no client gets in without one of their names
 * and passwords.
 */
public final class RedisServer implements AutoCloseable {

	private final redis.embedded.RedisServer server;

	private final int port;

	private RedisServer(redis.embedded.RedisServer server, int port) {
		this.server = server;
		this.port = port;
	}

	/**
	 * Starts Redis on {@code port}, or on a free port when it is 0, letting in these
	 * users (name to password, each a {@link RedisAcl} user) and no one else. A free port
	 * can be taken by another server starting in parallel between the choice and Redis
	 * binding it, so a chosen port is retried with another.
	 */
	public static RedisServer start(int port, @Nullable Path dataDirectory, Map<String, String> users) {
		int attempts = port == 0 ? 3 : 1;
		for (int attempt = 1;; attempt++) {
			try {
				return startOnce(FreePorts.orFree(port), dataDirectory, users);
			}
			catch (UncheckedIOException ex) {
				if (attempt >= attempts) {
					throw ex;
				}
			}
		}
	}

	private static RedisServer startOnce(int chosen, @Nullable Path dataDirectory, Map<String, String> users) {
		try {
			var builder = redis.embedded.RedisServer.newRedisServer()
				.port(chosen)
				.bind("127.0.0.1")
				.setting("maxmemory-policy noeviction")
				// Sessions hold a User-Agent of up to 1,024 characters: keep their hashes
				// in the compact encoding.
				.setting("hash-max-ziplist-value 1024");
			// Passwords only as SHA-256 hashes: the configuration file is written to a
			// temporary directory.
			RedisAcl.lines(users).forEach(builder::setting);
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
