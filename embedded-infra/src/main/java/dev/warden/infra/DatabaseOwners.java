package dev.warden.infra;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One owner login per service database, the same for the embedded and the container
 * PostgreSQL as for the compose init script: services never connect as a superuser (and
 * refuse to).
 */
public final class DatabaseOwners {

	private DatabaseOwners() {
	}

	/**
	 * Over a superuser {@code connection}, makes {@code database} owned by a login of the
	 * same name with this password, as the compose init script does for a deployment: no
	 * superuser, no CREATEDB or CREATEROLE, PUBLIC's rights on the database revoked. Run
	 * at every start (the password may change with each run); tables a superuser created
	 * in an older data directory are handed over to the owner too.
	 */
	public static void ensure(Connection connection, DatabaseConnection inDatabase, String database, String password)
			throws SQLException {
		boolean exists;
		try (PreparedStatement query = connection.prepareStatement("select 1 from pg_roles where rolname = ?")) {
			query.setString(1, database);
			try (ResultSet rows = query.executeQuery()) {
				exists = rows.next();
			}
		}
		execute(connection,
				exists ? "select format('alter role %I login password %L nosuperuser nocreatedb nocreaterole', ?, ?)"
						: "select format('create role %I login password %L nosuperuser nocreatedb nocreaterole', ?, ?)",
				database, password);
		execute(connection, "select format('alter database %I owner to %I', ?, ?)", database, database);
		execute(connection, "select format('revoke all on database %I from public', ?)", database);
		try (Connection owned = inDatabase.open(); Statement statement = owned.createStatement()) {
			statement.execute(HAND_OVER.replace("%ROLE%", database.replace("'", "")));
		}
	}

	/** Opens a superuser connection to the database being handed over. */
	@FunctionalInterface
	public interface DatabaseConnection {

		Connection open() throws SQLException;

	}

	/**
	 * Gives the owner the schema and every table, view and free-standing sequence a
	 * superuser created in it.
	 */
	private static final String HAND_OVER = """
			do $$
			declare
			  object record;
			begin
			  execute format('alter schema public owner to %I', '%ROLE%');
			  for object in
			    select c.relname, c.relkind from pg_class c
			    where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p', 'v', 'm', 'S')
			      and pg_get_userbyid(c.relowner) <> '%ROLE%'
			      and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype in ('a', 'i')
			                      and c.relkind = 'S')
			  loop
			    execute format('alter %s %I owner to %I',
			      case object.relkind when 'v' then 'view' when 'm' then 'materialized view'
			                          when 'S' then 'sequence' else 'table' end,
			      object.relname, '%ROLE%');
			  end loop;
			end $$
			""";

	/**
	 * Runs the statement a {@code format(...)} query builds, so identifiers and literals
	 * are quoted by PostgreSQL.
	 */
	private static void execute(Connection connection, String builder, String... arguments) throws SQLException {
		String sql;
		try (PreparedStatement query = connection.prepareStatement(builder)) {
			for (int i = 0; i < arguments.length; i++) {
				query.setString(i + 1, arguments[i]);
			}
			try (ResultSet rows = query.executeQuery()) {
				rows.next();
				sql = rows.getString(1);
			}
		}
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
