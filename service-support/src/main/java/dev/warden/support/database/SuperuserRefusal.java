package dev.warden.support.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Refuses to start a service whose database login is a PostgreSQL superuser: a superuser reads and rewrites every
 * service's database (the security log included) and can run programs on the server. Each service connects as its
 * own database's owner ({@code WARDEN_POSTGRES_USERNAME}), which reaches nothing else. Checked as the connection
 * pool is created, before any migration runs.
 */
final class SuperuserRefusal implements BeanPostProcessor {

	static final String QUERY = "select current_user, rolsuper from pg_roles where rolname = current_user";

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof DataSource dataSource) {
			check(dataSource);
		}
		return bean;
	}

	static void check(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection();
				PreparedStatement query = connection.prepareStatement(QUERY);
				ResultSet rows = query.executeQuery()) {
			if (rows.next() && rows.getBoolean(2)) {
				throw new IllegalStateException("Refusing to start: the database login " + rows.getString(1)
						+ " is a PostgreSQL superuser. Connect as the owner of this service's database"
						+ " (WARDEN_POSTGRES_USERNAME, WARDEN_POSTGRES_PASSWORD), which can reach nothing else.");
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Refusing to start: could not check the database login ("
					+ ex.getSQLState() + ")", ex);
		}
	}
}
