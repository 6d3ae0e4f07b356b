package dev.warden.audit.log;

import dev.warden.audit.chain.TestChains;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The security log contract against {@link SecurityEventStore} on the shared PostgreSQL
 * server, each test in an empty, migrated database of its own: retention and verification
 * act on the whole log, which the other tests' log must not be.
 */
class PostgresSecurityEventStoreIT extends SecurityEventStoreContract {

	private IsolatedSecurityLog log;

	@BeforeEach
	void startOnAnEmptyLog() {
		this.log = IsolatedSecurityLog.start(IsolatedSecurityLog.newDatabase(), TestChains.key("contract", 7));
	}

	@AfterEach
	void stop() {
		this.log.close();
	}

	@Override
	protected SecurityEventStore store() {
		return this.log.store();
	}

	@Override
	protected void alterData(String eventId) {
		this.log.jdbc()
			.update("update security_event set data = '{\"ip\":\"192.0.2.66\"}'::jsonb where event_id = ?", eventId);
	}

}
