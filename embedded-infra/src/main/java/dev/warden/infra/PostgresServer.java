package dev.warden.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;

/** A real PostgreSQL server from the zonky binaries, with one database per service. */
public final class PostgresServer implements AutoCloseable {

	private final EmbeddedPostgres postgres;

	private PostgresServer(EmbeddedPostgres postgres) {
		this.postgres = postgres;
	}

	public static PostgresServer start(int port, @Nullable Path dataDirectory, List<String> databases) {
		try {
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setPort(FreePorts.orFree(port))
				.setServerConfig("max_connections", "300")
				.setServerConfig("fsync", dataDirectory == null ? "off" : "on")
				.setServerConfig("synchronous_commit", dataDirectory == null ? "off" : "on")
				.setServerConfig("full_page_writes", dataDirectory == null ? "off" : "on");
			if (dataDirectory != null) {
				Files.createDirectories(dataDirectory);
				builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
			}
			PostgresServer server = new PostgresServer(builder.start());
			server.createDatabases(databases);
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("PostgreSQL did not start", ex);
		}
	}

	public int port() {
		return this.postgres.getPort();
	}

	/** The server's JDBC URL without a database; each service appends its own. */
	public String url() {
		return "jdbc:postgresql://localhost:" + port();
	}

	public String jdbcUrl(String database) {
		return url() + "/" + database;
	}

	private void createDatabases(List<String> databases) {
		try (Connection connection = this.postgres.getPostgresDatabase().getConnection()) {
			for (String database : databases) {
				if (!exists(connection, database)) {
					try (Statement statement = connection.createStatement()) {
						statement.execute("create database \"" + database.replace("\"", "") + "\"");
					}
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create the service databases", ex);
		}
	}

	/** See {@link DatabaseOwners#ensure}. */
	public void ensureOwner(String database, String password) {
		try (Connection server = this.postgres.getPostgresDatabase().getConnection()) {
			DatabaseOwners.ensure(server, () -> this.postgres.getDatabase("postgres", database).getConnection(),
					database, password);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not set the owner of database " + database, ex);
		}
	}

	private static boolean exists(Connection connection, String database) throws SQLException {
		try (PreparedStatement query = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
			query.setString(1, database);
			try (ResultSet rows = query.executeQuery()) {
				return rows.next();
			}
		}
	}

	@Override
	public void close() {
		try {
			this.postgres.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
