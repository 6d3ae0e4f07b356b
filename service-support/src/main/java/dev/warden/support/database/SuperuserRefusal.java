package dev.warden.support.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Refuses to start a service whose database login is a PostgreSQL superuser (or holds any
 * power beyond its own database): a superuser reads and rewrites every service's database
 * (the security log included) and can run programs on the server. Each service connects
 * as its own database's owner ({@code WARDEN_POSTGRES_USERNAME}), which reaches nothing
 * else. Checked as the connection pool is created, before any migration runs.
 */
final class SuperuserRefusal implements BeanPostProcessor {

	/**
	 * The login's powers beyond its own database: superuser, creating roles, replication,
	 * bypassing row security, and the predefined roles that read or write every table or
	 * run programs on the server.
	 */
	static final String QUERY = """
			select current_user, r.rolsuper or r.rolcreaterole or r.rolreplication or r.rolbypassrls
			       or exists (select 1 from pg_auth_members m join pg_roles g on g.oid = m.roleid
			                  where m.member = r.oid and g.rolname in ('pg_read_all_data', 'pg_write_all_data',
			                        'pg_execute_server_program', 'pg_read_server_files', 'pg_write_server_files'))
			from pg_roles r where r.rolname = current_user""";

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
						+ " is a PostgreSQL superuser or has powers beyond its database (create roles, replication,"
						+ " bypass row security, read or write all data, server programs or files). Connect as the"
						+ " owner of this service's database"
						+ " (WARDEN_POSTGRES_USERNAME, WARDEN_POSTGRES_PASSWORD), which can reach nothing else.");
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(
					"Refusing to start: could not check the database login (" + ex.getSQLState() + ")", ex);
		}
	}

}
