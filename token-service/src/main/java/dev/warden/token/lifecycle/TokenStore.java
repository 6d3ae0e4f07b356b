package dev.warden.token.lifecycle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.jspecify.annotations.Nullable;

/** API tokens in PostgreSQL ({@code api_token}). */
@Repository
public class TokenStore {

	private static final RowMapper<ApiToken> ROW = TokenStore::map;

	private final JdbcTemplate jdbc;

	TokenStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Inserts the token unless one with its hash exists (then false, and nothing is
	 * written).
	 */
	boolean insert(ApiToken token) {
		return this.jdbc.update("""
				insert into api_token (id, user_id, name, role, token_hash, hint, created_at, expires_at, grant_jws)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (token_hash) do nothing""", token.id(), token.userId(),
				token.name(), token.role(), token.tokenHash(), token.hint(), Timestamp.from(token.createdAt()),
				Timestamp.from(token.expiresAt()), token.grant()) == 1;
	}

	/**
	 * Serialises token creation per user for the rest of the transaction (limits and
	 * unique names).
	 */
	void lockUser(String userId) {
		this.jdbc.query("select pg_advisory_xact_lock(hashtextextended(?, 0))", (ResultSet rs) -> {
		}, userId);
	}

	List<ApiToken> findByUser(String userId) {
		return this.jdbc.query("select * from api_token where user_id = ? order by created_at desc, id", ROW, userId);
	}

	/** Tokens neither revoked nor expired. */
	List<ApiToken> findActiveByUser(String userId, Instant now) {
		return this.jdbc.query("""
				select * from api_token where user_id = ? and revoked_at is null and expires_at > ?""", ROW, userId,
				Timestamp.from(now));
	}

	public Optional<ApiToken> findByHash(String tokenHash) {
		return this.jdbc.query("select * from api_token where token_hash = ?", ROW, tokenHash).stream().findFirst();
	}

	/** The tokens with any of these hashes, in one query. */
	List<ApiToken> findByHashes(java.util.Collection<String> tokenHashes) {
		if (tokenHashes.isEmpty()) {
			return List.of();
		}
		return this.jdbc.query("select * from api_token where token_hash = any(?)", ROW,
				(Object) tokenHashes.toArray(String[]::new));
	}

	Optional<ApiToken> findById(UUID id) {
		return this.jdbc.query("select * from api_token where id = ?", ROW, id).stream().findFirst();
	}

	/** Revokes the token if still unrevoked; false if it was already. */
	boolean revoke(UUID id, Instant at, String reason) {
		return this.jdbc.update("""
				update api_token set revoked_at = ?, revoked_reason = ? where id = ? and revoked_at is null""",
				Timestamp.from(at), reason, id) == 1;
	}

	/** Records the last use of many tokens in one batch. */
	public void recordUse(List<Usage> usages) {
		this.jdbc.batchUpdate("""
				update api_token set last_used_at = ?, last_used_ip = ?, last_used_user_agent = ?
				where id = ? and (last_used_at is null or last_used_at < ?)""", usages, usages.size(),
				(statement, usage) -> {
					statement.setTimestamp(1, Timestamp.from(usage.at()));
					statement.setString(2, usage.ip());
					statement.setString(3, usage.userAgent());
					statement.setObject(4, usage.tokenId());
					statement.setTimestamp(5, Timestamp.from(usage.at()));
				});
	}

	/**
	 * Unrevoked tokens expiring before {@code before}, oldest expiry first: candidates
	 * for notices.
	 */
	public List<ApiToken> expiringBefore(Instant before, @Nullable ApiToken after, int limit) {
		Timestamp afterExpiry = Timestamp.from(after == null ? Instant.EPOCH : after.expiresAt());
		UUID afterId = after == null ? new UUID(0, 0) : after.id();
		return this.jdbc.query("""
				select t.* from api_token t where t.revoked_at is null and t.expires_at < ?
				and (t.expires_at, t.id) > (?, ?)
				and not exists (select 1 from token_notice n where n.token_id = t.id and n.kind = 'expired')
				order by t.expires_at, t.id limit ?""", ROW, Timestamp.from(before), afterExpiry, afterId, limit);
	}

	/**
	 * Claims the token's notice of this kind ({@code 7d}, {@code 1d} or {@code expired}):
	 * true for exactly one caller however many replicas try at once, false once claimed.
	 * A token whose {@code expired} notice is claimed is no longer {@link #expiringBefore
	 * listed}.
	 */
	public boolean claimNotice(UUID tokenId, String kind, Instant at) {
		return this.jdbc.update("""
				insert into token_notice (token_id, kind, sent_at) values (?, ?, ?) on conflict do nothing""", tokenId,
				kind, Timestamp.from(at)) == 1;
	}

	/** One use of a token: when, from where. */
	public record Usage(UUID tokenId, Instant at, @Nullable String ip, @Nullable String userAgent) {
	}

	private static ApiToken map(ResultSet rs, int row) throws SQLException {
		return new ApiToken(rs.getObject("id", UUID.class), rs.getString("user_id"), rs.getString("name"),
				rs.getString("role"), rs.getString("token_hash"), rs.getString("hint"),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("expires_at").toInstant(),
				instant(rs, "revoked_at"), rs.getString("revoked_reason"), instant(rs, "last_used_at"),
				rs.getString("last_used_ip"), rs.getString("last_used_user_agent"), rs.getString("grant_jws"));
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return value == null ? null : value.toInstant();
	}

}
