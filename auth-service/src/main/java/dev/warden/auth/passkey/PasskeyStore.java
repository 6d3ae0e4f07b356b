package dev.warden.auth.passkey;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** {@code passkey}: each user's WebAuthn credentials. */
@Repository
public class PasskeyStore {

	private static final String COLUMNS = """
			id, user_id, credential_id, name, attested_credential_data, sign_count, user_verified, backup_eligible,
			backed_up, transports, device_hint, created_at, last_used_at""";

	private final JdbcTemplate jdbc;

	PasskeyStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stores a new passkey unless the user holds {@code max} already; false then. Runs in
	 * the caller's transaction: the user's row stays locked from the count to the commit,
	 * so a burst of registrations cannot pass the limit.
	 */
	boolean insert(Passkey passkey, int max) {
		if (this.jdbc.queryForList("select id from app_user where id = ? for update", passkey.userId()).isEmpty()
				|| count(passkey.userId()) >= max) {
			return false;
		}
		this.jdbc.update("insert into passkey (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				passkey.id(), passkey.userId(), passkey.credentialId(), passkey.name(),
				passkey.attestedCredentialData(), passkey.signCount(), passkey.userVerified(), passkey.backupEligible(),
				passkey.backedUp(), String.join(",", passkey.transports()), passkey.deviceHint(),
				Timestamp.from(passkey.createdAt()), null);
		return true;
	}

	Optional<Passkey> findByCredentialId(byte[] credentialId) {
		return this.jdbc
			.query("select " + COLUMNS + " from passkey where credential_id = ?", PasskeyStore::map, credentialId)
			.stream()
			.findFirst();
	}

	/** The user's passkeys, oldest first. */
	public List<Passkey> list(UUID userId) {
		return this.jdbc.query("select " + COLUMNS + " from passkey where user_id = ? order by created_at, id",
				PasskeyStore::map, userId);
	}

	public int count(UUID userId) {
		Integer count = this.jdbc.queryForObject("select count(*) from passkey where user_id = ?", Integer.class,
				userId);
		return count == null ? 0 : count;
	}

	boolean rename(UUID userId, UUID id, String name) {
		return this.jdbc.update("update passkey set name = ? where id = ? and user_id = ?", name, id, userId) == 1;
	}

	/** Removes one of the user's passkeys; the removed one, if it was there. */
	Optional<Passkey> delete(UUID userId, UUID id) {
		return this.jdbc
			.query("delete from passkey where id = ? and user_id = ? returning " + COLUMNS, PasskeyStore::map, id,
					userId)
			.stream()
			.findFirst();
	}

	/** Removes every passkey of the user (an administrator's reset); how many. */
	public int deleteAll(UUID userId) {
		return this.jdbc.update("delete from passkey where user_id = ?", userId);
	}

	/**
	 * Records a use: the new counter only if the stored one is still {@code seen}, so of
	 * two assertions that read the same counter only one is taken.
	 */
	boolean recordUse(UUID id, long seen, long counter, boolean backedUp, Instant at) {
		return this.jdbc.update("""
				update passkey set sign_count = ?, backed_up = ?, last_used_at = ? where id = ? and sign_count = ?""",
				counter, backedUp, Timestamp.from(at), id, seen) == 1;
	}

	private static Passkey map(ResultSet rs, int row) throws SQLException {
		String transports = rs.getString("transports");
		Set<String> parsed = transports == null || transports.isEmpty() ? Set.of()
				: new LinkedHashSet<>(Arrays.asList(transports.split(",")));
		Timestamp lastUsed = rs.getTimestamp("last_used_at");
		return new Passkey(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class),
				rs.getBytes("credential_id"), rs.getString("name"), rs.getBytes("attested_credential_data"),
				rs.getLong("sign_count"), rs.getBoolean("user_verified"), rs.getBoolean("backup_eligible"),
				rs.getBoolean("backed_up"), parsed, rs.getString("device_hint"),
				rs.getTimestamp("created_at").toInstant(), lastUsed == null ? null : lastUsed.toInstant());
	}

}
