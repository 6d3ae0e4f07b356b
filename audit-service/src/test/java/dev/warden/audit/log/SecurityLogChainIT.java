package dev.warden.audit.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

import dev.warden.audit.chain.ChainEntry;
import dev.warden.audit.chain.LegacyChain;
import dev.warden.audit.chain.Linker;
import dev.warden.audit.chain.TestChains;
import dev.warden.audit.log.SecurityEventStore.Verification;
import dev.warden.event.CloudEvent;
import dev.warden.event.EventTypes;
import dev.warden.infra.test.SharedInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * What a writer of the security log's database can and cannot do to the keyed chain: each test has a database of
 * its own, starts audit-service's log on it with some keys, changes rows as such a writer would (no key), and asks
 * for verification.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecurityLogChainIT {

	static final String K1 = TestChains.key("k1", 1);

	static final String K2 = TestChains.key("k2", 2);

	final JsonMapper json = JsonMapper.builder().build();

	final String database = IsolatedSecurityLog.newDatabase();

	@Test
	void anEntryEditedAndRechainedWithPlainSha256FailsAtThatEntry() {
		try (IsolatedSecurityLog log = IsolatedSecurityLog.start(this.database, K1)) {
			List<String> ids = append(log, 4);
			assertThat(log.store().verify().valid()).isTrue();

			// No key: the best a writer can do is recompute every link from the edited row on, the old way.
			log.jdbc().update("update security_event set data = '{\"ip\":\"192.0.2.66\"}'::jsonb where event_id = ?",
					ids.get(1));
			rechainWithoutKey(log.jdbc(), ids.get(0));

			Verification verification = log.store().verify();
			assertThat(verification.valid()).isFalse();
			assertThat(verification.firstBrokenId()).isEqualTo(ids.get(1));
			assertThat(verification.reason()).isEqualTo(ChainWalk.CHAIN_MISMATCH);
		}
	}

	@Test
	void anEntryRechainedWithAnotherKeyFailsEvenUnderTheRightKeyId() {
		try (IsolatedSecurityLog log = IsolatedSecurityLog.start(this.database, K1)) {
			List<String> ids = append(log, 3);

			log.jdbc().update("update security_event set data = '{\"ip\":\"192.0.2.66\"}'::jsonb where event_id = ?",
					ids.get(1));
			relink(log.jdbc(), ids.get(0), TestChains.keyed(TestChains.key("k1", 9)).current());

			Verification verification = log.store().verify();
			assertThat(verification.valid()).isFalse();
			assertThat(verification.firstBrokenId()).isEqualTo(ids.get(1));
			assertThat(verification.reason()).isEqualTo(ChainWalk.CHAIN_MISMATCH);
		}
	}

	@Test
	void anEntryDeletedInTheMiddleFailsAtTheEntryAfterIt() {
		try (IsolatedSecurityLog log = IsolatedSecurityLog.start(this.database, K1)) {
			List<String> ids = append(log, 3);

			log.jdbc().update("delete from security_event where event_id = ?", ids.get(1));

			Verification verification = log.store().verify();
			assertThat(verification.valid()).isFalse();
			assertThat(verification.firstBrokenId()).isEqualTo(ids.get(2));
			assertThat(verification.reason()).isEqualTo(ChainWalk.CHAIN_MISMATCH);
		}
	}

	@Test
	void anEntryMovedToAnotherSequenceNumberFails() {
		try (IsolatedSecurityLog log = IsolatedSecurityLog.start(this.database, K1)) {
			List<String> ids = append(log, 2);

			log.jdbc().update("update security_event set seq = seq + 1000 where event_id = ?", ids.get(1));

			Verification verification = log.store().verify();
			assertThat(verification.firstBrokenId()).isEqualTo(ids.get(1));
			assertThat(verification.reason()).isEqualTo(ChainWalk.CHAIN_MISMATCH);
		}
	}

	@Test
	void anEntryNamingAKeyIdTheServiceDoesNotHoldFails() {
		try (IsolatedSecurityLog log = IsolatedSecurityLog.start(this.database, K1)) {
			List<String> ids = append(log, 3);

			log.jdbc().update("update security_event set key_id = 'k7' where event_id = ?", ids.get(1));

			Verification verification = log.store().verify();
			assertThat(verification.firstBrokenId()).isEqualTo(ids.get(1));
			assertThat(verification.reason()).isEqualTo(ChainWalk.UNKNOWN_KEY);
		}
	}

	@Test
	void anEntryRewrittenTheOldWayWithoutAKeyIdFails() {
		try (IsolatedSecurityLog log = IsolatedSecurityLog.start(this.database, K1)) {
			List<String> ids = append(log, 3);

			// A writer presenting the entry as one from before chain keys, so the old algorithm would accept it.
			log.jdbc().update("update security_event set key_id = null where event_id = ?", ids.get(1));
			rechainWithoutKey(log.jdbc(), ids.get(0));

			Verification verification = log.store().verify();
			assertThat(verification.firstBrokenId()).isEqualTo(ids.get(1));
			assertThat(verification.reason()).isEqualTo(ChainWalk.NOT_KEYED);
		}
	}

	@Test
	void aLogRotatedFromOneKeyToAnotherVerifiesWhileBothAreConfigured() {
		List<String> ids = new ArrayList<>();
		try (IsolatedSecurityLog log = IsolatedSecurityLog.start(this.database, K1)) {
			ids.addAll(append(log, 2));
		}
		try (IsolatedSecurityLog log = IsolatedSecurityLog.start(this.database, K2 + "," + K1)) {
			ids.addAll(append(log, 2));

			assertThat(log.jdbc().queryForList("select key_id from security_event order by seq", String.class))
				.containsExactly("k1", "k1", "k2", "k2");
			Verification verification = log.store().verify();
			assertThat(verification.valid()).isTrue();
			assertThat(verification.checked()).isEqualTo(4);
		}
		try (IsolatedSecurityLog log = IsolatedSecurityLog.start(this.database, K2)) {
			Verification withoutTheOldKey = log.store().verify();
			assertThat(withoutTheOldKey.firstBrokenId()).isEqualTo(ids.get(0));
			assertThat(withoutTheOldKey.reason()).isEqualTo(ChainWalk.UNKNOWN_KEY);
		}
	}

	@Test
	void aTailCutWhileTheServiceRunsIsReportedEvenAfterNewEntries() {
		try (IsolatedSecurityLog log = IsolatedSecurityLog.start(this.database, K1)) {
			List<String> ids = append(log, 4);

			log.jdbc().update("delete from security_event where event_id in (?, ?)", ids.get(2), ids.get(3));
			Verification cut = log.store().verify();
			append(log, 1);
			Verification cutThenAppended = log.store().verify();

			assertThat(cut.valid()).isFalse();
			assertThat(cut.firstBrokenId()).isEqualTo(ids.get(3));
			assertThat(cut.reason()).isEqualTo(ChainWalk.CHECKPOINT_LOST);
			assertThat(cutThenAppended.valid()).isFalse();
			assertThat(cutThenAppended.firstBrokenId()).isEqualTo(ids.get(3));
		}
	}

	@Test
	void entriesChainedBeforeKeysAreRechainedOnceAtStartAndTheChainGoesOn(CapturedOutput output) {
		List<String> legacy = insertLegacy(3);

		try (IsolatedSecurityLog log = IsolatedSecurityLog.start(this.database, K1)) {
			assertThat(log.jdbc().queryForList("select key_id from security_event order by seq", String.class))
				.containsExactly("k1", "k1", "k1");
			List<String> later = append(log, 2);

			Verification verification = log.store().verify();
			assertThat(verification.valid()).isTrue();
			assertThat(verification.checked()).isEqualTo(5);
			List<String> all = new ArrayList<>(legacy);
			all.addAll(later);
			assertThat(log.jdbc().queryForList("select event_id from security_event order by seq", String.class))
				.containsExactlyElementsOf(all);
		}
		try (IsolatedSecurityLog again = IsolatedSecurityLog.start(this.database, K1)) {
			assertThat(again.store().verify().valid()).isTrue();
		}
		assertThat(output.getAll()).containsOnlyOnce("re-chained 3 entries written before chain keys with key k1");
	}

	@Test
	void aBrokenLegacyChainIsNotRechainedAndVerificationNamesItsBreak(CapturedOutput output) {
		List<String> legacy = insertLegacy(3);
		writer().update("update security_event set data = '{\"ip\":\"192.0.2.66\"}'::jsonb where event_id = ?",
					legacy.get(1));

		try (IsolatedSecurityLog log = IsolatedSecurityLog.start(this.database, K1)) {
			assertThat(log.jdbc().queryForList("select key_id from security_event order by seq", String.class))
				.containsOnlyNulls();
			append(log, 1);

			Verification verification = log.store().verify();
			assertThat(verification.valid()).isFalse();
			assertThat(verification.firstBrokenId()).isEqualTo(legacy.get(1));
			assertThat(verification.reason()).isEqualTo(ChainWalk.LEGACY_CHAIN_BROKEN);
		}
		assertThat(output.getAll()).contains("entries written before chain keys are left as they are")
			.doesNotContain("re-chained");
	}

	private List<String> append(IsolatedSecurityLog log, int count) {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			CloudEvent event = CloudEvent.of("/test", EventTypes.LOGIN_SUCCEEDED, UUID.randomUUID().toString(),
					Map.of("ip", "203.0.113." + i));
			log.store().insertIfAbsent(event);
			ids.add(event.id());
		}
		return ids;
	}

	/** Rows as the service wrote them before chain keys: plain SHA-256 links, no key id. */
	private List<String> insertLegacy(int count) {
		JdbcTemplate jdbc = writer();
		List<String> ids = new ArrayList<>();
		String previous = LegacyChain.GENESIS;
		for (int i = 0; i < count; i++) {
			CloudEvent event = CloudEvent.of("/test", EventTypes.LOGOUT, UUID.randomUUID().toString(),
					Map.of("ip", "198.51.100." + i));
			Instant at = event.time().truncatedTo(ChronoUnit.MICROS);
			String hash = LegacyChain.hash(previous, new ChainEntry(0, event.id(), event.type(), event.source(),
					event.subject(), at, event.data()), this.json);
			Attribution by = Attribution.of(event.type(), event.subject(), event.data());
			jdbc.update("""
					insert into security_event (event_id, type, source, user_id, occurred_at, data, prev_hash, hash,
					                            actor_type, actor_id, outcome, ip)
					values (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?)""", event.id(), event.type(), event.source(),
					event.subject(), Timestamp.from(at), this.json.writeValueAsString(event.data()), previous, hash,
					by.actorType(), by.actorId(), by.outcome(), by.ip());
			previous = hash;
			ids.add(event.id());
		}
		return ids;
	}

	/** A writer of the database, with no service in between. */
	private JdbcTemplate writer() {
		return new JdbcTemplate(new DriverManagerDataSource(SharedInfrastructure.get().jdbcUrl(this.database),
				"postgres", "postgres"));
	}

	/** What a writer without the key can do: recompute every link after {@code fromId} with plain SHA-256. */
	private void rechainWithoutKey(JdbcTemplate jdbc, String fromId) {
		rewriteLinksAfter(jdbc, fromId, (previous, entry) -> LegacyChain.hash(previous, entry, this.json));
	}

	private void relink(JdbcTemplate jdbc, String fromId, Linker linker) {
		rewriteLinksAfter(jdbc, fromId, linker::link);
	}

	private void rewriteLinksAfter(JdbcTemplate jdbc, String fromId, BiFunction<String, ChainEntry, String> link) {
		String previous = jdbc.queryForObject("select hash from security_event where event_id = ?", String.class,
				fromId);
		List<Map<String, Object>> rows = jdbc.queryForList("""
				select * from security_event where seq > (select seq from security_event where event_id = ?)
				order by seq""", fromId);
		for (Map<String, Object> row : rows) {
			ChainEntry entry = new ChainEntry((Long) row.get("seq"), (String) row.get("event_id"),
					(String) row.get("type"), (String) row.get("source"), (String) row.get("user_id"),
					((Timestamp) row.get("occurred_at")).toInstant(),
					this.json.readValue(row.get("data").toString(), new TypeReference<Map<String, Object>>() {
					}));
			String value = link.apply(previous, entry);
			jdbc.update("update security_event set prev_hash = ?, hash = ? where seq = ?", previous, value,
					entry.seq());
			previous = value;
		}
	}
}
