package dev.warden.infra.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.warden.infra.FreePorts;
import dev.warden.infra.PostgresServer;

/**
 * A PostgreSQL server of one test's own, for outage tests: {@link #stop()} takes it down
 * as a crash of the database host would look to the service, {@link #start()} brings it
 * back on the same port with the same data, so the service's pool reconnects to where it
 * was. The suite's shared server is never touched.
 */
public final class StoppablePostgres implements AutoCloseable {

	private final int port = FreePorts.next();

	private final Path data;

	private final String database;

	private PostgresServer server;

	public StoppablePostgres(String database) {
		this.database = database;
		try {
			this.data = Files.createTempDirectory("outage-pg-" + database);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		start();
	}

	/** The server's JDBC URL without a database, for {@code warden.postgres.url}. */
	public String url() {
		return "jdbc:postgresql://localhost:" + this.port;
	}

	public synchronized void stop() {
		if (this.server != null) {
			this.server.close();
			this.server = null;
		}
	}

	public synchronized void start() {
		if (this.server == null) {
			this.server = PostgresServer.start(this.port, this.data, List.of(this.database));
			// The service under test connects as the database's owner, as with the shared
			// server.
			this.server.ensureOwner(this.database, SharedInfrastructure.DATABASE_OWNER_PASSWORD);
		}
	}

	@Override
	public void close() {
		stop();
	}

}
