package dev.warden.auth.twofactor;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.jspecify.annotations.Nullable;

/**
 * {@code two_factor} and {@code recovery_code}, plus the user's
 * {@code two_factor_enabled} flag.
 */
@Repository
class TwoFactorStore {

	private final JdbcTemplate jdbc;

	TwoFactorStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Enrolment> find(UUID userId) {
		return this.jdbc.query("select * from two_factor where user_id = ?",
				(rs, row) -> new Enrolment(rs.getString("secret_encrypted"), rs.getString("status").equals("ACTIVE"),
						rs.getTimestamp("enabled_at") == null ? null : rs.getTimestamp("enabled_at").toInstant(),
						rs.getLong("last_used_step")),
				userId)
			.stream()
			.findFirst();
	}

	/**
	 * Stores a pending secret, replacing a pending one; false if two-factor is already
	 * active.
	 */
	boolean savePending(UUID userId, String secretEncrypted, Instant at) {
		return this.jdbc.update("""
				insert into two_factor (user_id, secret_encrypted, status, created_at) values (?, ?, 'PENDING', ?)
				on conflict (user_id) do update set secret_encrypted = excluded.secret_encrypted,
				    created_at = excluded.created_at, last_used_step = 0
				where two_factor.status = 'PENDING'""", userId, secretEncrypted, Timestamp.from(at)) == 1;
	}

	/** Records the accepted step if it is newer than the last one; false for a replay. */
	boolean useStep(UUID userId, long step) {
		return this.jdbc.update("update two_factor set last_used_step = ? where user_id = ? and last_used_step < ?",
				step, userId, step) == 1;
	}

	boolean activate(UUID userId, Instant at) {
		int updated = this.jdbc.update("""
				update two_factor set status = 'ACTIVE', enabled_at = ? where user_id = ? and status = 'PENDING'""",
				Timestamp.from(at), userId);
		this.jdbc.update("update app_user set two_factor_enabled = true, updated_at = ? where id = ?",
				Timestamp.from(at), userId);
		return updated == 1;
	}

	void remove(UUID userId, Instant at) {
		this.jdbc.update("delete from two_factor where user_id = ?", userId);
		this.jdbc.update("delete from recovery_code where user_id = ?", userId);
		this.jdbc.update("update app_user set two_factor_enabled = false, updated_at = ? where id = ?",
				Timestamp.from(at), userId);
	}

	void replaceRecoveryCodes(UUID userId, List<String> hashes, Instant at) {
		this.jdbc.update("delete from recovery_code where user_id = ?", userId);
		this.jdbc.batchUpdate("insert into recovery_code (user_id, code_hash, created_at) values (?, ?, ?)", hashes,
				hashes.size(), (statement, hash) -> {
					statement.setObject(1, userId);
					statement.setString(2, hash);
					statement.setTimestamp(3, Timestamp.from(at));
				});
	}

	/** Spends a recovery code; false if it is unknown or already used. */
	boolean useRecoveryCode(UUID userId, String hash, Instant at) {
		return this.jdbc.update("""
				update recovery_code set used_at = ? where user_id = ? and code_hash = ? and used_at is null""",
				Timestamp.from(at), userId, hash) == 1;
	}

	int unusedRecoveryCodes(UUID userId) {
		Integer count = this.jdbc.queryForObject(
				"select count(*) from recovery_code where user_id = ? and used_at is null", Integer.class, userId);
		return count == null ? 0 : count;
	}

	/**
	 * @param secretEncrypted the TOTP secret, encrypted
	 * @param active whether confirmed (else pending)
	 * @param enabledAt when confirmed
	 * @param lastUsedStep the last accepted time step
	 */
	record Enrolment(String secretEncrypted, boolean active, @Nullable Instant enabledAt, long lastUsedStep) {
	}

}
