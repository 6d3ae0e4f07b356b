package dev.warden.token.owner;

import java.sql.Array;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.jspecify.annotations.Nullable;

/** The {@code token_owner} projection. */
@Repository
public class TokenOwners {

	private final JdbcTemplate jdbc;

	TokenOwners(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<TokenOwner> find(String userId) {
		return this.jdbc.query("select * from token_owner where user_id = ?", (rs, row) -> {
			Array roles = rs.getArray("roles");
			return new TokenOwner(rs.getString("user_id"), rs.getString("email"), rs.getString("display_name"),
					List.copyOf(Arrays.asList((String[]) roles.getArray())), rs.getBoolean("locked"),
					rs.getBoolean("disabled"));
		}, userId).stream().findFirst();
	}

	/**
	 * Records the owner's roles (and e-mail and name when known), keeping what is already
	 * known otherwise.
	 */
	public void upsert(String userId, @Nullable String email, @Nullable String displayName, List<String> roles,
			Instant at) {
		this.jdbc.update("""
				insert into token_owner (user_id, email, display_name, roles, updated_at)
				values (?, ?, ?, ?, ?)
				on conflict (user_id) do update set
				    email = coalesce(excluded.email, token_owner.email),
				    display_name = coalesce(excluded.display_name, token_owner.display_name),
				    roles = excluded.roles, updated_at = excluded.updated_at""", (statement) -> {
			statement.setString(1, userId);
			statement.setString(2, email);
			statement.setString(3, displayName);
			statement.setArray(4, statement.getConnection().createArrayOf("text", roles.toArray()));
			statement.setTimestamp(5, Timestamp.from(at));
		});
	}

	/**
	 * Locks or unlocks the owner; an owner not seen before is recorded with no roles
	 * until one is known. Returns whether the owner's tokens are suspended now (disabled
	 * outlasts an unlock).
	 */
	public boolean setLocked(String userId, boolean locked, Instant at) {
		return Boolean.TRUE.equals(this.jdbc.queryForObject("""
				insert into token_owner (user_id, roles, locked, updated_at) values (?, '{}', ?, ?)
				on conflict (user_id) do update set locked = excluded.locked, updated_at = excluded.updated_at
				returning locked or disabled""", Boolean.class, userId, locked, Timestamp.from(at)));
	}

	/**
	 * Disables or enables the owner; an owner not seen before is recorded with no roles
	 * until one is known. Returns whether the owner's tokens are suspended now (a lock
	 * outlasts an enabling).
	 */
	public boolean setDisabled(String userId, boolean disabled, Instant at) {
		return Boolean.TRUE.equals(this.jdbc.queryForObject("""
				insert into token_owner (user_id, roles, disabled, updated_at) values (?, '{}', ?, ?)
				on conflict (user_id) do update set disabled = excluded.disabled, updated_at = excluded.updated_at
				returning locked or disabled""", Boolean.class, userId, disabled, Timestamp.from(at)));
	}

	/**
	 * Enables the owner: an administrator made the account active again, without a lock
	 * either. Returns whether the owner's tokens are suspended now (never).
	 */
	public boolean enable(String userId, Instant at) {
		return Boolean.TRUE.equals(this.jdbc.queryForObject("""
				insert into token_owner (user_id, roles, updated_at) values (?, '{}', ?)
				on conflict (user_id) do update set disabled = false, locked = false, updated_at = excluded.updated_at
				returning locked or disabled""", Boolean.class, userId, Timestamp.from(at)));
	}

	/**
	 * Whether the event was applied already; records it otherwise. Call inside the
	 * applying transaction.
	 */
	public boolean alreadyProcessed(String eventId, Instant at) {
		return this.jdbc.update("""
				insert into processed_event (event_id, processed_at) values (?, ?) on conflict do nothing""", eventId,
				Timestamp.from(at)) == 0;
	}

}
