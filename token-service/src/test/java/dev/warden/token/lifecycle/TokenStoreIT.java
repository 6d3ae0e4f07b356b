package dev.warden.token.lifecycle;

import java.time.Duration;
import java.util.function.Supplier;

import dev.warden.token.TokenIntegrationTest;
import org.awaitility.Awaitility;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The token store contract against the JDBC store on the shared PostgreSQL. */
class TokenStoreIT extends TokenIntegrationTest implements TokenStoreContract {

	@Autowired
	TokenStore store;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	JdbcTemplate jdbc;

	@Override
	public TokenStore store() {
		return this.store;
	}

	@Override
	public <T> T inTransaction(Supplier<T> work) {
		return new TransactionTemplate(this.transactions).execute((status) -> work.get());
	}

	@Override
	public void awaitATransactionWaitingForALock() {
		// The user lock is an advisory lock: a creation waiting for it shows as such.
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.queryForObject("""
					select count(*) from pg_stat_activity
					where datname = current_database() and wait_event_type = 'Lock' and wait_event = 'advisory'""",
					Integer.class) > 0);
	}

}
