package dev.warden.support.database;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.infra.test.SharedInfrastructure;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A service connects to PostgreSQL as its database's owner, never as a superuser (real
 * embedded PostgreSQL).
 */
class SuperuserRefusalTest {

	@Test
	void aSuperuserLoginIsRefusedWithoutItsPassword() {
		assertThatThrownBy(() -> SuperuserRefusal.check(dataSource("postgres", "postgres")))
			.hasMessageContaining("Refusing to start")
			.hasMessageContaining("postgres is a PostgreSQL superuser")
			.hasMessageContaining("WARDEN_POSTGRES_USERNAME");
	}

	@Test
	void aLoginThatMayCreateRolesOrReadAllDataIsRefusedToo() throws Exception {
		try (java.sql.Connection superuser = dataSource("postgres", "postgres").getConnection();
				java.sql.Statement statement = superuser.createStatement()) {
			statement.execute("drop role if exists role_maker");
			statement.execute("create role role_maker login password 'role-maker-password' createrole");
			statement.execute("drop role if exists all_reader");
			statement.execute("create role all_reader login password 'all-reader-password'");
			statement.execute("grant pg_read_all_data to all_reader");
		}
		assertThatThrownBy(() -> SuperuserRefusal.check(dataSource("role_maker", "role-maker-password")))
			.hasMessageContaining("role_maker is a PostgreSQL superuser or has powers beyond its database");
		assertThatThrownBy(() -> SuperuserRefusal.check(dataSource("all_reader", "all-reader-password")))
			.hasMessageContaining("all_reader is a PostgreSQL superuser or has powers beyond its database");
	}

	@Test
	void theDatabaseOwnersLoginIsAccepted() {
		String password = SharedInfrastructure.databaseOwnerPassword("tokens");
		assertThatCode(() -> SuperuserRefusal.check(dataSource("tokens", password))).doesNotThrowAnyException();
	}

	@Test
	void aLoginThatCannotConnectIsRefused() {
		assertThatThrownBy(() -> SuperuserRefusal.check(dataSource("tokens", "wrong-password")))
			.hasMessageContaining("could not check the database login")
			.hasMessageNotContaining("wrong-password");
	}

	private static PGSimpleDataSource dataSource(String user, String password) {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(SharedInfrastructure.get().jdbcUrl("tokens"));
		dataSource.setUser(user);
		dataSource.setPassword(password);
		return dataSource;
	}

}
