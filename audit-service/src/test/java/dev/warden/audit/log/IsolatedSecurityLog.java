package dev.warden.audit.log;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.UUID;

import javax.sql.DataSource;

import dev.warden.audit.chain.ChainProperties;
import dev.warden.infra.test.SharedInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;

/**
 * The security log's store in a database of its own on the shared PostgreSQL server,
 * wired as audit-service wires it (transactions, the start-up step, the in-memory
 * checkpoint), so a test can start it with some keys, touch the rows as a writer of the
 * database would, and start it again with other keys — without disturbing the log the
 * other tests share.
 */
final class IsolatedSecurityLog implements AutoCloseable {

	private final AnnotationConfigApplicationContext context;

	private IsolatedSecurityLog(AnnotationConfigApplicationContext context) {
		this.context = context;
	}

	/** A new, empty and migrated database; returns its name. */
	static String newDatabase() {
		String name = "audit_chain_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		try (Connection admin = DriverManager.getConnection(SharedInfrastructure.get().jdbcUrl("audit"), "postgres",
				"postgres"); Statement statement = admin.createStatement()) {
			statement.execute("create database " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		Flyway.configure()
			.dataSource(SharedInfrastructure.get().jdbcUrl(name), "postgres", "postgres")
			.locations("classpath:db/migration")
			.load()
			.migrate();
		return name;
	}

	/**
	 * Starts audit-service's log on {@code database} with these keys
	 * ({@code WARDEN_AUDIT_CHAINKEYS}).
	 */
	static IsolatedSecurityLog start(String database, String chainKeys) {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		DataSource dataSource = new DriverManagerDataSource(SharedInfrastructure.get().jdbcUrl(database), "postgres",
				"postgres");
		context.registerBean(DataSource.class, () -> dataSource);
		context.registerBean(JdbcTemplate.class, () -> new JdbcTemplate(dataSource));
		context.registerBean(PlatformTransactionManager.class, () -> new DataSourceTransactionManager(dataSource));
		context.registerBean(JsonMapper.class, () -> JsonMapper.builder().build());
		context.registerBean(MeterRegistry.class, SimpleMeterRegistry::new);
		context.registerBean(Clock.class, Clock::systemUTC);
		context.registerBean(ChainProperties.class, () -> new ChainProperties(chainKeys));
		context.register(Transactions.class);
		context.scan("dev.warden.audit.chain");
		context.registerBean(SecurityEventStore.class);
		context.registerBean(ChainStartup.class);
		context.refresh();
		return new IsolatedSecurityLog(context);
	}

	SecurityEventStore store() {
		return this.context.getBean(SecurityEventStore.class);
	}

	JdbcTemplate jdbc() {
		return this.context.getBean(JdbcTemplate.class);
	}

	@Override
	public void close() {
		this.context.close();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableTransactionManagement
	static class Transactions {

	}

}
