package dev.warden.audit.log;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.warden.event.CloudEvent;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The security log in PostgreSQL; inserting an event id already stored does nothing. */
@Repository
public class SecurityEventStore {

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	SecurityEventStore(JdbcTemplate jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** Stores the event unless its id is already there; returns whether it was new. */
	public boolean insertIfAbsent(CloudEvent event) {
		int rows = this.jdbc.update("""
				insert into security_event (event_id, type, source, user_id, occurred_at, data)
				values (?, ?, ?, ?, ?, ?::jsonb)
				on conflict (event_id) do nothing""", event.id(), event.type(), event.source(), event.subject(),
				Timestamp.from(event.time()), this.json.writeValueAsString(event.data()));
		return rows == 1;
	}

	/** Newest first, optionally narrowed to one user and one type. */
	public List<SecurityEvent> find(String userId, String type, int limit) {
		StringBuilder sql = new StringBuilder("select * from security_event where true");
		List<Object> args = new ArrayList<>();
		if (userId != null) {
			sql.append(" and user_id = ?");
			args.add(userId);
		}
		if (type != null) {
			sql.append(" and type = ?");
			args.add(type);
		}
		sql.append(" order by occurred_at desc, seq desc limit ?");
		args.add(limit);
		return this.jdbc.query(sql.toString(), this::map, args.toArray());
	}

	private SecurityEvent map(ResultSet rs, int row) throws SQLException {
		return new SecurityEvent(rs.getString("event_id"), rs.getString("type"), rs.getString("source"),
				rs.getString("user_id"), rs.getTimestamp("occurred_at").toInstant(),
				rs.getTimestamp("recorded_at").toInstant(), this.json.readValue(rs.getString("data"), MAP));
	}
}
