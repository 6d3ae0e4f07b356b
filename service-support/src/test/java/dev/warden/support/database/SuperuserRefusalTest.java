package dev.warden.support.database;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.infra.test.SharedInfrastructure;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** A service connects to PostgreSQL as its database's owner, never as a superuser (real embedded PostgreSQL). */
class SuperuserRefusalTest {

	@Test
	void aSuperuserLoginIsRefusedWithoutItsPassword() {
		assertThatThrownBy(() -> SuperuserRefusal.check(dataSource("postgres", "postgres")))
			.hasMessageContaining("Refusing to start")
			.hasMessageContaining("postgres is a PostgreSQL superuser")
			.hasMessageContaining("WARDEN_POSTGRES_USERNAME");
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
