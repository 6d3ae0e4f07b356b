package dev.warden.audit.log;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.warden.event.CloudEvent;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The security log in PostgreSQL: append-only, one row per event id, hash-chained. Appends take a
 * transaction-scoped advisory lock, so the chain has one writer at a time and its order is the order of
 * {@code seq} — simpler to verify than one chain per partition, and fast enough for a security log (see the
 * benchmark); several audit-service replicas stay correct, they just take turns.
 */
@Repository
public class SecurityEventStore {

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	/** Arbitrary, fixed: the advisory lock of the chain. */
	private static final long CHAIN_LOCK = 0x5741524445_4e4cL;

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	SecurityEventStore(JdbcTemplate jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** Appends the event unless its id is already there; returns whether it was new. */
	@Transactional
	public boolean insertIfAbsent(CloudEvent event) {
		return insertAllIfAbsent(List.of(event)) == 1;
	}

	/**
	 * Appends the events whose ids are not there yet, in order, under one lock and in one batch; returns how many
	 * were new. Ids repeated within the list count once.
	 */
	@Transactional
	public int insertAllIfAbsent(List<CloudEvent> events) {
		if (events.isEmpty()) {
			return 0;
		}
		this.jdbc.query("select pg_advisory_xact_lock(?)", (rs) -> null, CHAIN_LOCK);
		java.util.Set<String> known = new java.util.HashSet<>(this.jdbc.queryForList(
				"select event_id from security_event where event_id = any(?)", String.class,
				(Object) events.stream().map(CloudEvent::id).toArray(String[]::new)));
		String previous = lastHash();
		List<Object[]> rows = new ArrayList<>();
		for (CloudEvent event : events) {
			if (!known.add(event.id())) {
				continue;
			}
			// PostgreSQL keeps microseconds and rounds the rest: hash exactly the instant it will store.
			Instant occurredAt = (event.time() == null ? Instant.now() : event.time())
				.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
			String hash = HashChain.hash(previous, event.id(), event.type(), event.source(), event.subject(),
					occurredAt, event.data(), this.json);
			Attribution by = Attribution.of(event.type(), event.subject(), event.data());
			rows.add(new Object[] { event.id(), event.type(), event.source(), event.subject(),
					Timestamp.from(occurredAt), this.json.writeValueAsString(event.data()), previous, hash,
					by.actorType(), by.actorId(), by.outcome(), by.ip(), by.userAgent(), by.sessionId(),
					by.tokenId() });
			previous = hash;
		}
		// seq follows the order of the batch, which is the order the hashes were chained in.
		this.jdbc.batchUpdate("""
				insert into security_event (event_id, type, source, user_id, occurred_at, data, prev_hash, hash,
				                            actor_type, actor_id, outcome, ip, user_agent, session_id, token_id,
				                            recorded_at)
				values (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, clock_timestamp())""", rows);
		return rows.size();
	}

	/**
	 * Removes the entries before the first one that occurred at or after {@code cutoff}, and anchors the chain
	 * at the hash that entry follows. Returns how many were removed.
	 */
	@Transactional
	public int removeBefore(Instant cutoff) {
		this.jdbc.query("select pg_advisory_xact_lock(?)", (rs) -> null, CHAIN_LOCK);
		List<Map<String, Object>> firstKept = this.jdbc.queryForList("""
				select seq, prev_hash from security_event where occurred_at >= ? and hash is not null
				order by seq limit 1""", Timestamp.from(cutoff));
		if (firstKept.isEmpty()) {
			return 0; // everything is old, or the log is empty: keep the chain's head rather than empty it
		}
		long seq = ((Number) firstKept.get(0).get("seq")).longValue();
		int removed = this.jdbc.update("delete from security_event where seq < ?", seq);
		if (removed > 0) {
			this.jdbc.update("""
					insert into chain_anchor (id, prev_hash, updated_at) values (1, ?, now())
					on conflict (id) do update set prev_hash = excluded.prev_hash, updated_at = excluded.updated_at""",
					firstKept.get(0).get("prev_hash"));
		}
		return removed;
	}

	private String lastHash() {
		List<String> last = this.jdbc.queryForList(
				"select hash from security_event where hash is not null order by seq desc limit 1", String.class);
		if (!last.isEmpty()) {
			return last.get(0);
		}
		List<String> anchor = this.jdbc.queryForList("select prev_hash from chain_anchor where id = 1", String.class);
		return anchor.isEmpty() ? HashChain.GENESIS : anchor.get(0);
	}

	/**
	 * Newest first, narrowed by whatever is given; {@code beforeSeq} continues a page (keyset, so inserts
	 * between pages neither repeat nor skip an entry).
	 */
	public List<SecurityEvent> find(LogQuery query) {
		StringBuilder sql = new StringBuilder("select * from security_event where true");
		List<Object> args = new ArrayList<>();
		where(query, sql, args);
		sql.append(" order by seq desc limit ?");
		args.add(query.limit());
		return this.jdbc.query(sql.toString(), this::map, args.toArray());
	}

	/** Every matching entry, newest first, one at a time (for the CSV export, never all in memory). */
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

	/** Walks the whole chain, oldest first, recomputing every hash. */
	@Transactional(readOnly = true)
	public Verification verify() {
		List<String> anchor = this.jdbc.queryForList("select prev_hash from chain_anchor where id = 1", String.class);
		String[] expectedPrevious = { anchor.isEmpty() ? HashChain.GENESIS : anchor.get(0) };
		long[] checked = { 0 };
		String[] firstBroken = { null };
		this.jdbc.query((connection) -> {
			var statement = connection.prepareStatement(
					"select * from security_event where hash is not null order by seq");
			statement.setFetchSize(1000);
			return statement;
		}, (ResultSet rs) -> {
			if (firstBroken[0] != null) {
				return;
			}
			checked[0]++;
			SecurityEvent event = map(rs, 0);
			String stored = rs.getString("hash");
			String recomputed = HashChain.hash(expectedPrevious[0], event.id(), event.type(), event.source(),
					event.userId(), event.occurredAt(), event.data(), this.json);
			boolean columnsAgree = event.attribution()
				.equals(Attribution.of(event.type(), event.userId(), event.data()));
			if (!expectedPrevious[0].equals(rs.getString("prev_hash")) || !recomputed.equals(stored)
					|| !columnsAgree) {
				firstBroken[0] = event.id();
			}
			expectedPrevious[0] = stored;
		});
		return new Verification(firstBroken[0] == null, checked[0], firstBroken[0]);
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

	private SecurityEvent map(ResultSet rs, int row) throws SQLException {
		return new SecurityEvent(rs.getLong("seq"), rs.getString("event_id"), rs.getString("type"),
				rs.getString("source"), rs.getString("user_id"), rs.getTimestamp("occurred_at").toInstant(),
				rs.getTimestamp("recorded_at").toInstant(),
				new Attribution(rs.getString("actor_type"), rs.getString("actor_id"), rs.getString("outcome"),
						rs.getString("ip"), rs.getString("user_agent"), rs.getString("session_id"),
						rs.getString("token_id")),
				this.json.readValue(rs.getString("data"), MAP));
	}

	/** What a log view asks for; {@code null} means "any". */
	public record LogQuery(String userId, String type, String outcome, Instant from, Instant to, Long beforeSeq,
			int limit) {
	}

	/** The chain's state: {@code firstBrokenId} is the event id where it first fails, if it does. */
	public record Verification(boolean valid, long checked, String firstBrokenId) {
	}
}
