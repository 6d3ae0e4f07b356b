package dev.warden.auth.password.change;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Hashes of a user's previous passwords, newest first; only as many as the largest
 * history a policy may ask.
 */
@Repository
public class PasswordHistory {

	static final int KEPT = 24;

	private final JdbcTemplate jdbc;

	PasswordHistory(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	List<String> recent(UUID userId, int limit) {
		if (limit <= 0) {
			return List.of();
		}
		return this.jdbc.queryForList("""
				select password_hash from password_history where user_id = ? order by id desc limit ?""", String.class,
				userId, limit);
	}

	public void add(UUID userId, String hash, Instant at) {
		this.jdbc.update("insert into password_history (user_id, password_hash, created_at) values (?, ?, ?)", userId,
				hash, Timestamp.from(at));
		this.jdbc.update("""
				delete from password_history where user_id = ? and id < (
				    select min(id) from (select id from password_history where user_id = ?
				                         order by id desc limit ?) kept)""", userId, userId, KEPT);
	}

}
