package dev.warden.auth.password.policy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The one row of {@code password_policy}, its rules as JSON so a new rule needs no
 * migration.
 */
@Repository
class PolicyStore {

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	PolicyStore(JdbcTemplate jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	Optional<PasswordPolicy> find() {
		return this.jdbc
			.query("select rules from password_policy where id = 1",
					(rs, row) -> this.json.readValue(rs.getString("rules"), PasswordPolicy.class))
			.stream()
			.findFirst();
	}

	void save(PasswordPolicy policy, Instant at, String actor) {
		this.jdbc.update("""
				insert into password_policy (id, rules, updated_at, updated_by) values (1, ?, ?, ?)
				on conflict (id) do update set rules = excluded.rules, updated_at = excluded.updated_at,
				                               updated_by = excluded.updated_by""",
				this.json.writeValueAsString(policy), Timestamp.from(at), actor);
	}

}
