package dev.warden.auth.password.reset;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code password_reset} rows: one per user, replaced by each new request. */
@Repository
class PasswordResetStore {

	private final JdbcTemplate jdbc;

	PasswordResetStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Starts a reset with {@code code}, replacing any older one, unless the account had
	 * {@code mailsPerHour} already in the current hour: one statement, so parallel
	 * requests cannot all slip under the cap. True when the new code is in force.
	 */
	boolean start(UUID userId, ResetCode code, Instant now, Duration lifetime, int mailsPerHour) {
		Timestamp at = Timestamp.from(now);
		Timestamp hourAgo = Timestamp.from(now.minus(Duration.ofHours(1)));
		return this.jdbc.update("""
				insert into password_reset (user_id, id, secret_hash, created_at, expires_at, used_at, window_start,
				                            window_count)
				values (?, ?, ?, ?, ?, null, ?, 1)
				on conflict (user_id) do update
				    set id = excluded.id, secret_hash = excluded.secret_hash, created_at = excluded.created_at,
				        expires_at = excluded.expires_at, used_at = null,
				        window_start = case when password_reset.window_start <= ? then excluded.window_start
				                            else password_reset.window_start end,
				        window_count = case when password_reset.window_start <= ? then 1
				                            else password_reset.window_count + 1 end
				    where password_reset.window_start <= ? or password_reset.window_count < ?""", userId, code.id(),
				code.secretHash(), at, Timestamp.from(now.plus(lifetime)), at, hourAgo, hourAgo, hourAgo,
				mailsPerHour) == 1;
	}

	Optional<Reset> find(String id) {
		return this.jdbc
			.query("select user_id, secret_hash, expires_at, used_at from password_reset where id = ?",
					(rs, row) -> new Reset(rs.getObject("user_id", UUID.class), rs.getBytes("secret_hash"),
							rs.getTimestamp("expires_at").toInstant(),
							rs.getTimestamp("used_at") == null ? null : rs.getTimestamp("used_at").toInstant()),
					id)
			.stream()
			.findFirst();
	}

	/**
	 * Spends the reset: true for exactly one caller while it is unused and unexpired, so
	 * two confirmations at once cannot both apply.
	 */
	boolean spend(String id, byte[] secretHash, Instant now) {
		return this.jdbc.update("""
				update password_reset set used_at = ?
				where id = ? and secret_hash = ? and used_at is null and expires_at > ?""", Timestamp.from(now), id,
				secretHash, Timestamp.from(now)) == 1;
	}

	record Reset(UUID userId, byte[] secretHash, Instant expiresAt, @org.jspecify.annotations.Nullable Instant usedAt) {

		boolean usable(Instant now) {
			return this.usedAt == null && this.expiresAt.isAfter(now);
		}

	}

}
