package dev.warden.auth.user;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** Users in PostgreSQL ({@code app_user}). */
@Repository
public class UserStore {

	private static final RowMapper<User> ROW = UserStore::map;

	private final JdbcTemplate jdbc;

	UserStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(User user) {
		this.jdbc.update(
				"""
						insert into app_user (id, email, display_name, roles, status, password_hash, password_changed_at,
						                      password_change_required, created_at, updated_at)
						values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
				(statement) -> {
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
				});
	}

	public Optional<User> findByEmail(String email) {
		return this.jdbc.query("select * from app_user where lower(email) = lower(?)", ROW, email).stream().findFirst();
	}

	public Optional<User> findById(UUID id) {
		return this.jdbc.query("select * from app_user where id = ?", ROW, id).stream().findFirst();
	}

	private static User map(ResultSet rs, int row) throws SQLException {
		Array roles = rs.getArray("roles");
		return new User(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("display_name"),
				List.copyOf(Arrays.asList((String[]) roles.getArray())), UserStatus.valueOf(rs.getString("status")),
				rs.getString("password_hash"), rs.getTimestamp("password_changed_at").toInstant(),
				rs.getBoolean("password_change_required"), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant());
	}
}
