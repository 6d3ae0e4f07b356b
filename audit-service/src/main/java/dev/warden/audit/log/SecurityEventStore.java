package dev.warden.audit.log;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

import dev.warden.audit.chain.ChainCheckpoint;
import dev.warden.audit.chain.ChainCheckpoint.Expectation;
import dev.warden.audit.chain.ChainCheckpoint.Head;
import dev.warden.audit.chain.ChainEntry;
import dev.warden.audit.chain.KeyedChain;
import dev.warden.audit.chain.LegacyChain;
import dev.warden.audit.chain.Linker;
import dev.warden.event.CloudEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.jspecify.annotations.Nullable;

/**
 * The security log in PostgreSQL: append-only, one row per event id, chained with a key
 * audit-service holds ({@link KeyedChain}: each row's link is an HMAC over its fields,
 * its seq and the link before). Appends take a transaction-scoped advisory lock, so the
 * chain has one writer at a time and its order is the order of {@code seq} — simpler to
 * verify than one chain per partition, and fast enough for a security log (see the
 * benchmark); several audit-service replicas stay correct, they just take turns.
 */
@Repository
public class SecurityEventStore {

	private static final Logger log = LoggerFactory.getLogger(SecurityEventStore.class);

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	/** Arbitrary, fixed: the advisory lock of the chain. */
	private static final long CHAIN_LOCK = 0x5741524445_4e4cL;

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	private final KeyedChain chain;

	private final ChainCheckpoint checkpoint;

	private final Clock clock;

	SecurityEventStore(JdbcTemplate jdbc, JsonMapper json, KeyedChain chain, ChainCheckpoint checkpoint, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.chain = chain;
		this.checkpoint = checkpoint;
		this.clock = clock;
	}

	/** Appends the event unless its id is already there; returns whether it was new. */
	@Transactional
	public boolean insertIfAbsent(CloudEvent event) {
		return insertAllIfAbsent(List.of(event)) == 1;
	}

	/**
	 * Appends the events whose ids are not there yet, in order, under one lock and in one
	 * batch; returns how many were new. Ids repeated within the list count once.
	 * <p>
	 * Relies on READ COMMITTED (the default): each statement after the advisory lock sees
	 * every row committed by the appender that held the lock before, so the head read
	 * here is the chain's real head. Under REPEATABLE READ the snapshot could predate
	 * that commit and the batch would fork the chain.
	 */
	@Transactional
	public int insertAllIfAbsent(List<CloudEvent> events) {
		if (events.isEmpty()) {
			return 0;
		}
		this.jdbc.query("select pg_advisory_xact_lock(?)", (ResultSet rs) -> {
		}, CHAIN_LOCK);
		Set<String> known = new HashSet<>(
				this.jdbc.queryForList("select event_id from security_event where event_id = any(?)", String.class,
						(Object) events.stream().map(CloudEvent::id).toArray(String[]::new)));
		List<CloudEvent> fresh = events.stream().filter((event) -> known.add(event.id())).toList();
		if (fresh.isEmpty()) {
			return 0;
		}
		// The link covers the row's seq, so it is taken before the insert; under the
		// lock, seq order is chain order.
		List<Long> seqs = this.jdbc.queryForList(
				"select nextval(pg_get_serial_sequence('security_event', 'seq')) as seq from generate_series(1, ?)"
						+ " order by seq",
				Long.class, fresh.size());
		Linker linker = this.chain.current();
		Head last = head();
		if (last != null && seqs.get(0) <= last.seq()) {
			// The sequence was set back: these rows would land inside the chain, before
			// its head.
			throw new IllegalStateException(
					"Security log: the next seq " + seqs.get(0) + " is not above the chain's head " + last.seq()
							+ "; the sequence was set back, refusing to append");
		}
		checkTail(last);
		String previous = last == null ? chainStart() : last.chainValue();
		// PostgreSQL keeps microseconds and rounds the rest: link exactly the instants it
		// will store.
		Instant recordedAt = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		List<Object[]> rows = new ArrayList<>(fresh.size());
		Head head = null;
		for (int i = 0; i < fresh.size(); i++) {
			CloudEvent event = fresh.get(i);
			Instant occurredAt = (event.time() == null ? recordedAt : event.time()).truncatedTo(ChronoUnit.MICROS);
			long seq = seqs.get(i);
			String link = linker.link(previous, new ChainEntry(seq, event.id(), event.type(), event.source(),
					event.subject(), occurredAt, recordedAt, event.data()));
			Attribution by = Attribution.of(event.type(), event.subject(), event.data());
			rows.add(new Object[] { seq, event.id(), event.type(), event.source(), event.subject(),
					Timestamp.from(occurredAt), this.json.writeValueAsString(event.data()), previous, link,
					linker.keyId(), by.actorType(), by.actorId(), by.outcome(), by.ip(), by.userAgent(), by.sessionId(),
					by.tokenId(), Timestamp.from(recordedAt) });
			previous = link;
			head = new Head(seq, event.id(), link);
		}
		this.jdbc.batchUpdate("""
				insert into security_event (seq, event_id, type, source, user_id, occurred_at, data, prev_hash, hash,
				                            key_id, actor_type, actor_id, outcome, ip, user_agent, session_id,
				                            token_id, recorded_at)
				values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
		advanceAfterCommit(head);
		return rows.size();
	}

	/**
	 * The checkpoint moves only once the rows are committed: a rolled-back batch must not
	 * become the head.
	 */
	private void advanceAfterCommit(@Nullable Head head) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			this.checkpoint.advance(head);
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				SecurityEventStore.this.checkpoint.advance(head);
			}
		});
	}

	/**
	 * Removes the entries before the first one that occurred at or after {@code cutoff},
	 * and anchors the chain at that entry: its seq and the link it follows, authenticated
	 * with the current key (so a writer of the database cannot move the anchor to hide
	 * entries removed from the head). Returns how many were removed. Under the chain's
	 * lock and READ COMMITTED, as {@link #insertAllIfAbsent}.
	 */
	@Transactional
	public int removeBefore(Instant cutoff) {
		this.jdbc.query("select pg_advisory_xact_lock(?)", (ResultSet rs) -> {
		}, CHAIN_LOCK);
		List<Map<String, Object>> firstKept = this.jdbc.queryForList("""
				select seq, prev_hash from security_event where occurred_at >= ? and hash is not null
				order by seq limit 1""", Timestamp.from(cutoff));
		if (firstKept.isEmpty()) {
			return 0; // everything is old, or the log is empty: keep the chain's head
						// rather than empty it
		}
		long seq = ((Number) Objects.requireNonNull(firstKept.get(0).get("seq"))).longValue();
		int removed = this.jdbc.update("delete from security_event where seq < ?", seq);
		if (removed > 0) {
			String previous = (String) Objects.requireNonNull(firstKept.get(0).get("prev_hash"));
			Linker linker = this.chain.current();
			this.jdbc.update("""
					insert into chain_anchor (id, seq, prev_hash, key_id, mac, updated_at) values (1, ?, ?, ?, ?, now())
					on conflict (id) do update set seq = excluded.seq, prev_hash = excluded.prev_hash,
					    key_id = excluded.key_id, mac = excluded.mac, updated_at = excluded.updated_at""", seq,
					previous, linker.keyId(), linker.anchor(seq, previous));
		}
		return removed;
	}

	/**
	 * Before chaining onto the log's last row: does the log still hold the newest link
	 * this instance knows? If its tail was cut, the new rows would chain validly onto
	 * what is left, so the loss is recorded now.
	 */
	private void checkTail(@Nullable Head last) {
		Head known = this.checkpoint.head();
		if (known == null || known.equals(last)) {
			return;
		}
		// Present with its link, or older than every row (retention removes only the
		// oldest).
		Boolean holds = this.jdbc.queryForObject("""
				select coalesce((select hash = ? from security_event where seq = ?),
				                (select coalesce(min(seq), 0) > ? from security_event where hash is not null))""",
				Boolean.class, known.chainValue(), known.seq(), known.seq());
		if (!Boolean.TRUE.equals(holds)) {
			log.error("Security log: entry {} that this instance chained or verified is no longer in the log;"
					+ " its tail was cut or replaced. Verification reports it.", known.eventId());
			this.checkpoint.lose();
		}
	}

	/**
	 * Where the chain starts: the link the first kept row follows once retention removed
	 * older ones.
	 */
	private String chainStart() {
		Anchor anchor = anchor();
		return anchor == null ? LegacyChain.GENESIS : anchor.previous();
	}

	/** The anchor retention left, or {@code null} when it never removed anything. */
	private @Nullable Anchor anchor() {
		List<Anchor> anchor = this.jdbc.query("select seq, prev_hash, key_id, mac from chain_anchor where id = 1",
				(rs, row) -> new Anchor(rs.getObject("seq", Long.class), rs.getString("prev_hash"),
						rs.getString("key_id"), rs.getString("mac")));
		return anchor.isEmpty() ? null : anchor.get(0);
	}

	/** The newest linked row, or {@code null} when there is none. */
	public @Nullable Head head() {
		List<Head> last = this.jdbc.query(
				"select seq, event_id, hash from security_event where hash is not null order by seq desc limit 1",
				(rs, row) -> new Head(rs.getLong("seq"), rs.getString("event_id"), rs.getString("hash")));
		return last.isEmpty() ? null : last.get(0);
	}

	/**
	 * Newest first, narrowed by whatever is given; {@code beforeSeq} continues a page
	 * (keyset, so inserts between pages neither repeat nor skip an entry).
	 */
	public List<SecurityEvent> find(LogQuery query) {
		StringBuilder sql = new StringBuilder("select * from security_event where true");
		List<Object> args = new ArrayList<>();
		where(query, sql, args);
		sql.append(" order by seq desc limit ?");
		args.add(query.limit());
		return this.jdbc.query(sql.toString(), this::map, args.toArray());
	}

	/**
	 * Every matching entry, newest first, one at a time (for the CSV export, never all in
	 * memory).
	 */
	public void stream(LogQuery query, Consumer<SecurityEvent> each) {
		StringBuilder sql = new StringBuilder("select * from security_event where true");
		List<Object> args = new ArrayList<>();
		where(query, sql, args);
		sql.append(" order by seq desc");
		this.jdbc.query((connection) -> {
			var statement = connection.prepareStatement(sql.toString());
			statement.setFetchSize(500);
			for (int i = 0; i < args.size(); i++) {
				statement.setObject(i + 1, args.get(i));
			}
			return statement;
		}, (ResultSet rs) -> each.accept(map(rs, 0)));
	}

	/**
	 * Walks the whole chain, oldest first, recomputing every link, and checks that it
	 * still holds the newest link this instance chained or verified. One snapshot, so
	 * appends during the walk are not half seen.
	 */
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	public Verification verify() {
		// Read before the snapshot is taken: a checkpoint is set after its commit, so the
		// snapshot holds its row.
		Expectation known = this.checkpoint.expected();
		ChainWalk walk = new ChainWalk(this.chain, this.json, anchor(), known.head());
		walkAll(walk);
		Verification result = walk.result();
		if (result.valid()) {
			this.checkpoint.legacyRows(result.legacyRows());
		}
		if (result.valid() && walk.last() != null) {
			StoredLink last = walk.last();
			this.checkpoint.verified(new Head(last.event().seq(), last.event().id(), last.value()), known);
		}
		return result;
	}

	/**
	 * How many rows, from the oldest, are linked the old way (no key id): protected only
	 * by plain SHA-256.
	 */
	public long legacyRows() {
		Long keyedFrom = this.jdbc.queryForObject("select min(seq) from security_event where key_id is not null",
				Long.class);
		Long rows = (keyedFrom == null)
				? this.jdbc.queryForObject("select count(*) from security_event where hash is not null", Long.class)
				: this.jdbc.queryForObject(
						"select count(*) from security_event where hash is not null and key_id is null and seq < ?",
						Long.class, keyedFrom);
		return (rows != null) ? rows : 0;
	}

	private void walkAll(ChainWalk walk) {
		this.jdbc.query((connection) -> {
			var statement = connection.prepareStatement("select * from security_event order by seq");
			statement.setFetchSize(1000);
			return statement;
		}, (ResultSet rs) -> {
			if (!walk.broken()) {
				walk.accept(mapLink(rs, 0));
			}
		});
	}

	private StoredLink mapLink(ResultSet rs, int row) throws SQLException {
		Map<String, Object> data = readData(rs.getString("data"));
		return new StoredLink(event(rs, data == null ? Map.of() : data), rs.getString("prev_hash"),
				rs.getString("hash"), rs.getString("key_id"), data != null);
	}

	/**
	 * The row's data, or {@code null} when it is not a JSON object ({@code []},
	 * {@code null}...).
	 */
	private @Nullable Map<String, Object> readData(@Nullable String data) {
		if (data == null || !data.startsWith("{")) {
			return null;
		}
		try {
			return this.json.readValue(data, MAP);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static void where(LogQuery query, StringBuilder sql, List<Object> args) {
		if (query.userId() != null) {
			sql.append(" and user_id = ?");
			args.add(query.userId());
		}
		if (query.type() != null) {
			sql.append(" and type = ?");
			args.add(query.type());
		}
		if (query.kind() != null) {
			List<String> patterns = query.kind().likePatterns();
			sql.append(" and (")
				.append(String.join(" or ", Collections.nCopies(patterns.size(), "type like ?")))
				.append(")");
			args.addAll(patterns);
		}
		if (query.from() != null) {
			sql.append(" and occurred_at >= ?");
			args.add(Timestamp.from(query.from()));
		}
		if (query.to() != null) {
			sql.append(" and occurred_at < ?");
			args.add(Timestamp.from(query.to()));
		}
		if (query.outcome() != null) {
			sql.append(" and outcome = ?");
			args.add(query.outcome());
		}
		if (query.beforeSeq() != null) {
			sql.append(" and seq < ?");
			args.add(query.beforeSeq());
		}
	}

	/**
	 * An entry for the views: data that is not a JSON object shows as empty (verification
	 * names the row).
	 */
	private SecurityEvent map(ResultSet rs, int row) throws SQLException {
		Map<String, Object> data = readData(rs.getString("data"));
		return event(rs, data == null ? Map.of() : data);
	}

	private SecurityEvent event(ResultSet rs, Map<String, Object> data) throws SQLException {
		return new SecurityEvent(rs.getLong("seq"), rs.getString("event_id"), rs.getString("type"),
				rs.getString("source"), rs.getString("user_id"), rs.getTimestamp("occurred_at").toInstant(),
				rs.getTimestamp("recorded_at").toInstant(),
				new Attribution(rs.getString("actor_type"), rs.getString("actor_id"), rs.getString("outcome"),
						rs.getString("ip"), rs.getString("user_agent"), rs.getString("session_id"),
						rs.getString("token_id")),
				data);
	}

	/** What a log view asks for; {@code null} means "any". */
	public record LogQuery(@Nullable String userId, @Nullable String type, @Nullable LogKind kind,
			@Nullable String outcome, @Nullable Instant from, @Nullable Instant to, @Nullable Long beforeSeq,
			int limit) {

		public LogQuery(@Nullable String userId, @Nullable String type, @Nullable String outcome,
				@Nullable Instant from, @Nullable Instant to, @Nullable Long beforeSeq, int limit) {
			this(userId, type, null, outcome, from, to, beforeSeq, limit);
		}

	}

	/**
	 * The chain's state: {@code firstBrokenId} is the event id where it first fails, if
	 * it does, and {@code reason} a stable code saying how (see {@link ChainWalk}).
	 * {@code legacyRows}: how many of the rows checked, from the oldest, are linked the
	 * old way (no key id) and so protected only by plain SHA-256, which anyone who can
	 * write the database can recompute; the log is valid with them, but they are only as
	 * trustworthy as the database.
	 */
	public record Verification(boolean valid, long checked, @Nullable String firstBrokenId, @Nullable String reason,
			long legacyRows) {
	}

	/**
	 * Where the chain starts once retention removed older rows: the first kept row's
	 * {@code seq} and the link it follows, with {@code mac} over both under the key
	 * {@code keyId}. Anchors written before they were authenticated have no seq, key id
	 * or mac.
	 */
	record Anchor(@Nullable Long seq, String previous, @Nullable String keyId, @Nullable String mac) {
	}

}
