package dev.warden.auth.user;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.jspecify.annotations.Nullable;

/** Users in PostgreSQL ({@code app_user}). */
@Repository
public class UserStore {

	private static final RowMapper<User> ROW = UserStore::map;

	private final JdbcTemplate jdbc;

	UserStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(User user) {
		this.jdbc.update("""
				insert into app_user (id, email, display_name, roles, status, password_hash, password_changed_at,
				                      password_change_required, created_at, updated_at, locale,
				                      temporary_password_expires_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", (statement) -> {
			statement.setObject(1, user.id());
			statement.setString(2, user.email());
			statement.setString(3, user.displayName());
			statement.setArray(4, statement.getConnection().createArrayOf("text", user.roles().toArray()));
			statement.setString(5, user.status().name());
			statement.setString(6, user.passwordHash());
			statement.setTimestamp(7, Timestamp.from(user.passwordChangedAt()));
			statement.setBoolean(8, user.passwordChangeRequired());
			statement.setTimestamp(9, Timestamp.from(user.createdAt()));
			statement.setTimestamp(10, Timestamp.from(user.updatedAt()));
			statement.setString(11, user.locale());
			statement.setTimestamp(12, user.temporaryPasswordExpiresAt() == null ? null
					: Timestamp.from(user.temporaryPasswordExpiresAt()));
		});
	}

	public Optional<User> findByEmail(String email) {
		return this.jdbc.query("select * from app_user where lower(email) = lower(?)", ROW, email).stream().findFirst();
	}

	public Optional<User> findById(UUID id) {
		return this.jdbc.query("select * from app_user where id = ?", ROW, id).stream().findFirst();
	}

	public List<User> page(int offset, int limit) {
		return page(offset, limit, null);
	}

	/**
	 * A page of users, oldest first; with {@code emailContains}, only those whose address
	 * contains it (case does not matter).
	 */
	public List<User> page(int offset, int limit, @Nullable String emailContains) {
		if (emailContains == null || emailContains.isBlank()) {
			return this.jdbc.query("select * from app_user order by created_at, id offset ? limit ?", ROW, offset,
					limit);
		}
		return this.jdbc.query("""
				select * from app_user where strpos(lower(email), lower(?)) > 0
				order by created_at, id offset ? limit ?""", ROW, emailContains.strip(), offset, limit);
	}

	public long count() {
		return count(null);
	}

	public long count(@Nullable String emailContains) {
		Long count = (emailContains == null || emailContains.isBlank())
				? this.jdbc.queryForObject("select count(*) from app_user", Long.class)
				: this.jdbc.queryForObject("select count(*) from app_user where strpos(lower(email), lower(?)) > 0",
						Long.class, emailContains.strip());
		return count == null ? 0 : count;
	}

	/** Notes a completed sign-in. */
	public void recordSignIn(UUID id, Instant at) {
		this.jdbc.update("update app_user set last_sign_in_at = ? where id = ?", Timestamp.from(at), id);
	}

	/** When the user last completed a sign-in, if ever. */
	public Optional<Instant> lastSignIn(UUID id) {
		return this.jdbc
			.query("select last_sign_in_at from app_user where id = ?",
					(rs, row) -> Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant), id)
			.stream()
			.findFirst()
			.flatMap((found) -> found);
	}

	/**
	 * Locks the row for the rest of the transaction, so two password changes of one user
	 * cannot interleave.
	 */
	public Optional<User> findByIdForUpdate(UUID id) {
		return this.jdbc.query("select * from app_user where id = ? for update", ROW, id).stream().findFirst();
	}

	public void changePassword(UUID id, String hash, Instant at) {
		this.jdbc.update("""
				update app_user set password_hash = ?, password_changed_at = ?, password_change_required = false,
				                    password_change_reason = null, temporary_password_expires_at = null,
				                    updated_at = ? where id = ?""", hash, Timestamp.from(at), Timestamp.from(at), id);
	}

	/**
	 * Sets a temporary password again: it must change at the next sign-in and stops
	 * working at {@code expiresAt}.
	 */
	public void setTemporaryPassword(UUID id, String hash, Instant at, Instant expiresAt) {
		this.jdbc.update("""
				update app_user set password_hash = ?, password_changed_at = ?, password_change_required = true,
				                    password_change_reason = null, temporary_password_expires_at = ?,
				                    updated_at = ? where id = ?""", hash, Timestamp.from(at), Timestamp.from(expiresAt),
				Timestamp.from(at), id);
	}

	/** Sets (or, with {@code null}, clears) the language of the user's e-mails. */
	public void changeLocale(UUID id, @Nullable String locale, Instant at) {
		this.jdbc.update("update app_user set locale = ?, updated_at = ? where id = ?", locale, Timestamp.from(at), id);
	}

	/**
	 * Replaces the hash of the same password with one made at today's parameters; the
	 * change date stays.
	 */
	public void rehash(UUID id, String hash) {
		this.jdbc.update("update app_user set password_hash = ? where id = ?", hash, id);
	}

	public void requirePasswordChange(UUID id, Instant at) {
		requirePasswordChange(id, at, null);
	}

	/**
	 * Requires a new password at the next step, saying why ({@code breached}), if said.
	 */
	public void requirePasswordChange(UUID id, Instant at, @Nullable String reason) {
		this.jdbc.update("""
				update app_user set password_change_required = true, password_change_reason = ?, updated_at = ?
				where id = ?""", reason, Timestamp.from(at), id);
	}

	/** Why the user's password must change, when that was recorded. */
	public Optional<String> passwordChangeReason(UUID id) {
		return this.jdbc
			.queryForList("select password_change_reason from app_user where id = ? and password_change_required",
					String.class, id)
			.stream()
			.filter(java.util.Objects::nonNull)
			.findFirst();
	}

	/**
	 * Locks an active account; false if it was not active (already locked, or disabled).
	 */
	public boolean lock(UUID id, Instant at) {
		return this.jdbc.update("""
				update app_user set status = 'LOCKED', locked_at = ?, updated_at = ?
				where id = ? and status = 'ACTIVE'""", Timestamp.from(at), Timestamp.from(at), id) == 1;
	}

	/**
	 * The active administrators, their rows locked for the rest of the transaction: two
	 * changes at once cannot both take away the last one.
	 */
	public List<UUID> lockActiveAdministrators() {
		return this.jdbc.queryForList("""
				select id from app_user where 'ADMIN' = any(roles) and status = 'ACTIVE' order by id for update""",
				UUID.class);
	}

	/** Sets the user's roles; false if they were these already (in any order). */
	public boolean setRoles(UUID id, List<String> roles, Instant at) {
		return this.jdbc.update("""
				update app_user set roles = ?, updated_at = ?
				where id = ? and not (roles @> ? and roles <@ ?)""", (statement) -> {
			java.sql.Array array = statement.getConnection().createArrayOf("text", roles.toArray());
			statement.setArray(1, array);
			statement.setTimestamp(2, Timestamp.from(at));
			statement.setObject(3, id);
			statement.setArray(4, array);
			statement.setArray(5, array);
		}) == 1;
	}

	/** Disables an account; false if it was disabled already. */
	public boolean disable(UUID id, Instant at) {
		return this.jdbc.update("""
				update app_user set status = 'DISABLED', updated_at = ? where id = ? and status <> 'DISABLED'""",
				Timestamp.from(at), id) == 1;
	}

	/**
	 * Enables a disabled account (active, without a lock); false if it was not disabled.
	 */
	public boolean enable(UUID id, Instant at) {
		return this.jdbc.update("""
				update app_user set status = 'ACTIVE', locked_at = null, updated_at = ?
				where id = ? and status = 'DISABLED'""", Timestamp.from(at), id) == 1;
	}

	/** Unlocks a locked account; false if it was not locked. */
	public boolean unlock(UUID id, Instant at) {
		return this.jdbc.update("""
				update app_user set status = 'ACTIVE', locked_at = null, updated_at = ?
				where id = ? and status = 'LOCKED'""", Timestamp.from(at), id) == 1;
	}

	/**
	 * Active users whose password changed before {@code changedBefore} and who have not
	 * yet been told it expired: the candidates for expiry notices.
	 */
	public List<User> passwordsDueForNotice(Instant changedBefore, @Nullable User after, int limit) {
		Timestamp afterChangedAt = Timestamp.from(after == null ? Instant.EPOCH : after.passwordChangedAt());
		UUID afterId = after == null ? new UUID(0, 0) : after.id();
		return this.jdbc.query("""
				select * from app_user u where u.password_changed_at < ? and u.status = 'ACTIVE'
				and (u.password_changed_at, u.id) > (?, ?)
				and not exists (select 1 from password_expiry_notice n where n.user_id = u.id
				                and n.password_changed_at = u.password_changed_at and n.days_before = 0)
				order by u.password_changed_at, u.id limit ?""", ROW, Timestamp.from(changedBefore), afterChangedAt,
				afterId, limit);
	}

	/**
	 * Claims the expiry notice sent {@code daysBefore} days before this password expires
	 * ({@code 0}: the notice that it has): true for exactly one caller however many
	 * replicas try at once, false once claimed. A new password starts with none claimed;
	 * a user whose expired notice is claimed is no longer {@link #passwordsDueForNotice
	 * due}.
	 */
	public boolean claimExpiryNotice(User user, int daysBefore, Instant at) {
		return this.jdbc.update("""
				insert into password_expiry_notice (user_id, password_changed_at, days_before, sent_at)
				values (?, ?, ?, ?) on conflict do nothing""", user.id(), Timestamp.from(user.passwordChangedAt()),
				daysBefore, Timestamp.from(at)) == 1;
	}

	/**
	 * Whether a notice for this password, {@code daysBefore} or fewer days before its
	 * expiry, was claimed already.
	 */
	public boolean expiryNoticeClaimedAtOrBelow(User user, int daysBefore) {
		Integer count = this.jdbc.queryForObject("""
				select count(*) from password_expiry_notice
				where user_id = ? and password_changed_at = ? and days_before <= ?""", Integer.class, user.id(),
				Timestamp.from(user.passwordChangedAt()), daysBefore);
		return count != null && count > 0;
	}

	private static User map(ResultSet rs, int row) throws SQLException {
		Array roles = rs.getArray("roles");
		return new User(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("display_name"),
				List.copyOf(Arrays.asList((String[]) roles.getArray())), UserStatus.valueOf(rs.getString("status")),
				rs.getString("password_hash"), rs.getTimestamp("password_changed_at").toInstant(),
				rs.getBoolean("password_change_required"), rs.getBoolean("two_factor_enabled"),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
				rs.getString("locale"), instant(rs.getTimestamp("temporary_password_expires_at")));
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

}
