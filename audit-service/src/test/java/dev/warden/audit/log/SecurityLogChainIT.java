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
 * What a writer of the security log's database can and cannot do to the keyed chain: each
 * test has a database of its own, starts audit-service's log on it with some keys,
 * changes rows as such a writer would (no key), and asks for verification.
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

			// No key: the best a writer can do is recompute every link from the edited
			// row on, the old way.
			log.jdbc()
				.update("update security_event set data = '{\"ip\":\"192.0.2.66\"}'::jsonb where event_id = ?",
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

			log.jdbc()
				.update("update security_event set data = '{\"ip\":\"192.0.2.66\"}'::jsonb where event_id = ?",
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

			// A writer presenting the entry as one from before chain keys, so the old
			// algorithm would accept it.
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
	void entriesLinkedBeforeKeysStayAsTheyAreAndTheKeyedChainContinuesFromTheirHead() {
		List<String> legacy = insertLegacy(3);

		try (IsolatedSecurityLog log = IsolatedSecurityLog.start(this.database, K1)) {
			List<String> later = append(log, 2);

			assertThat(log.jdbc().queryForList("select key_id from security_event order by seq", String.class))
				.containsExactly(null, null, null, "k1", "k1");
			assertThat(log.jdbc()
				.queryForObject("select prev_hash from security_event where event_id = ?", String.class, later.get(0)))
				.isEqualTo(log.jdbc()
					.queryForObject("select hash from security_event where event_id = ?", String.class, legacy.get(2)));
			Verification verification = log.store().verify();
			assertThat(verification.valid()).isTrue();
			assertThat(verification.checked()).isEqualTo(5);
			assertThat(verification.legacyRows()).isEqualTo(3);
		}
	}

	@Test
	void entriesLinkedBeforeKeysRewrittenOnceTheKeyedChainBeganBreakItsFirstEntry() {
		List<String> legacy = insertLegacy(3);
		try (IsolatedSecurityLog log = IsolatedSecurityLog.start(this.database, K1)) {
			List<String> later = append(log, 2);

			// The old links are no secret: a writer edits an old entry and recomputes the
			// old chain up to its head.
			JdbcTemplate writer = writer();
			writer.update("update security_event set data = '{\"ip\":\"192.0.2.66\"}'::jsonb, ip = '192.0.2.66'"
					+ " where event_id = ?", legacy.get(1));
			rechainWithoutKey(writer, legacy.get(0), legacy.get(2));

			Verification verification = log.store().verify();
			assertThat(verification.valid()).isFalse();
			assertThat(verification.firstBrokenId()).isEqualTo(later.get(0));
			assertThat(verification.reason()).isEqualTo(ChainWalk.CHAIN_MISMATCH);
		}
	}

	@Test
	void aLogStrippedOfItsKeyIdsAndRewrittenTheOldWayIsNeverSignedAtRestart(CapturedOutput output) {
		List<String> ids;
		try (IsolatedSecurityLog log = IsolatedSecurityLog.start(this.database, K1)) {
			ids = append(log, 4);
		}
		// While the service is down, a writer presents the whole log as linked before
		// keys, with an edit.
		JdbcTemplate writer = writer();
		writer.update("update security_event set key_id = null");
		writer.update("update security_event set data = '{\"ip\":\"192.0.2.66\"}'::jsonb, ip = '192.0.2.66'"
				+ " where event_id = ?", ids.get(1));
		rewriteLinksAfter(writer, null, null, (previous, entry) -> LegacyChain.hash(previous, entry, this.json));

		try (IsolatedSecurityLog log = IsolatedSecurityLog.start(this.database, K1)) {
			append(log, 1);

			// The service signs only what it appends: the forged entries stay unkeyed,
			// and are counted as such.
			assertThat(log.jdbc().queryForList("select key_id from security_event order by seq", String.class))
				.containsExactly(null, null, null, null, "k1");
			Verification verification = log.store().verify();
			assertThat(verification.legacyRows()).isEqualTo(4);
			assertThat(verification.checked()).isEqualTo(5);
		}
		assertThat(output.getAll()).contains("the oldest 4 entries are linked without a chain key");
	}

	@Test
	void aBrokenLegacyChainIsLeftAsItIsAndVerificationNamesItsBreak() {
		List<String> legacy = insertLegacy(3);
		writer().update("update security_event set data = '{\"ip\":\"192.0.2.66\"}'::jsonb where event_id = ?",
				legacy.get(1));

		try (IsolatedSecurityLog log = IsolatedSecurityLog.start(this.database, K1)) {
			append(log, 1);

			assertThat(log.jdbc().queryForList("select key_id from security_event order by seq", String.class))
				.containsExactly(null, null, null, "k1");
			Verification verification = log.store().verify();
			assertThat(verification.valid()).isFalse();
			assertThat(verification.firstBrokenId()).isEqualTo(legacy.get(1));
			assertThat(verification.reason()).isEqualTo(ChainWalk.LEGACY_CHAIN_BROKEN);
		}
	}

	@Test
	void anUnlinkedEntryInFrontOfTheLogIsReported() {
		try (IsolatedSecurityLog log = IsolatedSecurityLog.start(this.database, K1)) {
			append(log, 2);

			// Shown to users like any other entry, but with no link: it must not pass as
			// from before the chain.
			String forged = UUID.randomUUID().toString();
			writer().update("""
					insert into security_event (seq, event_id, type, source, user_id, occurred_at, data, actor_type,
					                            outcome)
					values (-5, ?, 'warden.login.succeeded', '/test', null, now(), '{}'::jsonb, 'user', 'success')""",
					forged);

			Verification verification = log.store().verify();
			assertThat(verification.valid()).isFalse();
			assertThat(verification.firstBrokenId()).isEqualTo(forged);
			assertThat(verification.reason()).isEqualTo(ChainWalk.UNCHAINED);
		}
	}

	@Test
	void entriesRemovedFromTheHeadCannotPassForRetentionByMovingTheAnchor() {
		try (IsolatedSecurityLog log = IsolatedSecurityLog.start(this.database, K1)) {
			List<String> ids = append(log, 5);
			log.jdbc()
				.update("update security_event set occurred_at = '2001-01-01T00:00:00Z' where event_id in (?, ?)",
						ids.get(0), ids.get(1));
			assertThat(log.store().removeBefore(Instant.parse("2020-01-01T00:00:00Z"))).isEqualTo(2);
			assertThat(log.store().verify().valid()).isTrue();

			// A writer removes the oldest kept entry and points the anchor at the link
			// the next one follows.
			JdbcTemplate writer = writer();
			Map<String, Object> removed = writer.queryForMap("select seq, hash from security_event where event_id = ?",
					ids.get(2));
			writer.update("delete from security_event where event_id = ?", ids.get(2));
			writer.update("update chain_anchor set seq = ?, prev_hash = ?", (Long) removed.get("seq") + 1,
					removed.get("hash"));

			Verification verification = log.store().verify();
			assertThat(verification.valid()).isFalse();
			assertThat(verification.firstBrokenId()).isEqualTo(ids.get(3));
			assertThat(verification.reason()).isEqualTo(ChainWalk.ANCHOR_MISMATCH);

			// Nor can it delete the anchor: the first kept entry then does not follow the
			// genesis value.
			writer.update("delete from chain_anchor");
			assertThat(log.store().verify().firstBrokenId()).isEqualTo(ids.get(3));
		}
	}

	@Test
	void theTimeTheServiceRecordedAnEntryIsCovered() {
		try (IsolatedSecurityLog log = IsolatedSecurityLog.start(this.database, K1)) {
			List<String> ids = append(log, 3);

			writer().update(
					"update security_event set recorded_at = recorded_at + interval '1 hour' where event_id = ?",
					ids.get(1));

			Verification verification = log.store().verify();
			assertThat(verification.firstBrokenId()).isEqualTo(ids.get(1));
			assertThat(verification.reason()).isEqualTo(ChainWalk.CHAIN_MISMATCH);
		}
	}

	@Test
	void numbersVerifyWhateverFormTheDatabaseGivesThemBackIn() {
		try (IsolatedSecurityLog log = IsolatedSecurityLog.start(this.database, K1)) {
			Map<String, Object> data = new java.util.LinkedHashMap<>();
			data.put("removed", 1.0E7);
			data.put("ratio", 2.50);
			data.put("nested", List.of(Map.of("n", 100.0), 1.5E-7));
			log.store().insertIfAbsent(CloudEvent.of("/test", EventTypes.AUDIT_RETENTION_APPLIED, null, data));
			append(log, 1);

			Verification verification = log.store().verify();
			assertThat(verification.valid()).isTrue();
			assertThat(verification.checked()).isEqualTo(2);
		}
	}

	@Test
	void anEntryWhoseDataIsNotAnObjectIsReportedNotFatal() {
		try (IsolatedSecurityLog log = IsolatedSecurityLog.start(this.database, K1)) {
			List<String> ids = append(log, 3);

			for (String data : List.of("[]", "null", "7")) {
				writer().update("update security_event set data = ?::jsonb where event_id = ?", data, ids.get(1));

				Verification verification = log.store().verify();
				assertThat(verification.valid()).isFalse();
				assertThat(verification.firstBrokenId()).isEqualTo(ids.get(1));
				assertThat(verification.reason()).isEqualTo(ChainWalk.UNREADABLE);
				assertThat(log.store().find(new SecurityEventStore.LogQuery(null, null, null, null, null, null, 10)))
					.hasSize(3);
			}
		}
		try (IsolatedSecurityLog restarted = IsolatedSecurityLog.start(this.database, K1)) {
			assertThat(restarted.store().verify().reason()).isEqualTo(ChainWalk.UNREADABLE);
		}
	}

	@Test
	void anAppendRefusesASequenceSetBackIntoTheChain() {
		try (IsolatedSecurityLog log = IsolatedSecurityLog.start(this.database, K1)) {
			append(log, 3);

			writer().query("select setval(pg_get_serial_sequence('security_event', 'seq'), 1)", (rs) -> null);

			org.assertj.core.api.Assertions.assertThatIllegalStateException()
				.isThrownBy(() -> append(log, 1))
				.withMessageContaining("sequence was set back");
			assertThat(log.jdbc().queryForObject("select count(*) from security_event", Integer.class)).isEqualTo(3);
			assertThat(log.store().verify().valid()).isTrue();
		}
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

	/**
	 * Rows as the service wrote them before chain keys: plain SHA-256 links, no key id.
	 */
	private List<String> insertLegacy(int count) {
		JdbcTemplate jdbc = writer();
		List<String> ids = new ArrayList<>();
		String previous = LegacyChain.GENESIS;
		for (int i = 0; i < count; i++) {
			CloudEvent event = CloudEvent.of("/test", EventTypes.LOGOUT, UUID.randomUUID().toString(),
					Map.of("ip", "198.51.100." + i));
			Instant at = event.time().truncatedTo(ChronoUnit.MICROS);
			String hash = LegacyChain.hash(previous, new ChainEntry(0, event.id(), event.type(), event.source(),
					event.subject(), at, null, event.data()), this.json);
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
		return new JdbcTemplate(
				new DriverManagerDataSource(SharedInfrastructure.get().jdbcUrl(this.database), "postgres", "postgres"));
	}

	/**
	 * What a writer without the key can do: recompute every link after {@code fromId}
	 * with plain SHA-256.
	 */
	private void rechainWithoutKey(JdbcTemplate jdbc, String fromId) {
		rechainWithoutKey(jdbc, fromId, null);
	}

	/** The same, up to {@code toId} (included). */
	private void rechainWithoutKey(JdbcTemplate jdbc, String fromId, String toId) {
		rewriteLinksAfter(jdbc, fromId, toId, (previous, entry) -> LegacyChain.hash(previous, entry, this.json));
	}

	private void relink(JdbcTemplate jdbc, String fromId, Linker linker) {
		rewriteLinksAfter(jdbc, fromId, null, linker::link);
	}

	/**
	 * Links again every row after {@code fromId} (all rows from the genesis value if
	 * null) up to {@code toId}.
	 */
	private void rewriteLinksAfter(JdbcTemplate jdbc, String fromId, String toId,
			BiFunction<String, ChainEntry, String> link) {
		String previous = fromId == null ? LegacyChain.GENESIS
				: jdbc.queryForObject("select hash from security_event where event_id = ?", String.class, fromId);
		long after = fromId == null ? Long.MIN_VALUE
				: jdbc.queryForObject("select seq from security_event where event_id = ?", Long.class, fromId);
		long upTo = toId == null ? Long.MAX_VALUE
				: jdbc.queryForObject("select seq from security_event where event_id = ?", Long.class, toId);
		List<Map<String, Object>> rows = jdbc
			.queryForList("select * from security_event where seq > ? and seq <= ? order by seq", after, upTo);
		for (Map<String, Object> row : rows) {
			ChainEntry entry = new ChainEntry((Long) row.get("seq"), (String) row.get("event_id"),
					(String) row.get("type"), (String) row.get("source"), (String) row.get("user_id"),
					((Timestamp) row.get("occurred_at")).toInstant(), ((Timestamp) row.get("recorded_at")).toInstant(),
					this.json.readValue(row.get("data").toString(), new TypeReference<Map<String, Object>>() {
					}));
			String value = link.apply(previous, entry);
			jdbc.update("update security_event set prev_hash = ?, hash = ? where seq = ?", previous, value,
					entry.seq());
			previous = value;
		}
	}

}
