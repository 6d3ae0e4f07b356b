package dev.warden.auth.user;

import java.time.Duration;
import java.util.function.Supplier;

import dev.warden.auth.AuthIntegrationTest;
import org.awaitility.Awaitility;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The user store contract against the JDBC store on the shared PostgreSQL. */
class UserStoreIT extends AuthIntegrationTest implements UserStoreContract {

	@Autowired
	PlatformTransactionManager transactions;

	@Override
	public UserStore store() {
		return this.userStore;
	}

	@Override
	public <T> T inTransaction(Supplier<T> work) {
		return new TransactionTemplate(this.transactions).execute((status) -> work.get());
	}

	@Override
	public void awaitATransactionWaitingForALock() {
		// A transaction waiting for a row another holds shows as waiting for a lock.
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> this.jdbc.queryForObject("""
				select count(*) from pg_stat_activity
				where datname = current_database() and wait_event_type = 'Lock'""", Integer.class) > 0);
	}

}
