package dev.warden.infra;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A Redis ACL user: the key patterns it may touch and the commands it may send, nothing
 * else (no channel, no other key, no other command). Commands a Lua script runs are
 * checked against the same rules, and so are the keys it names.
 *
 * @param name the user name; for a service, its {@code spring.application.name}
 * @param keyPatterns glob patterns of the keys it may read and write
 * @param commands commands ({@code get}), subcommands ({@code client|setname}) or
 * categories ({@code @all})
 */
public record RedisUser(String name, List<String> keyPatterns, List<String> commands) {

	public RedisUser {
		keyPatterns = List.copyOf(keyPatterns);
		commands = List.copyOf(commands);
	}

	/** The rule after the password, as ACL SETUSER and an ACL file take it. */
	public String permissions() {
		StringBuilder rule = new StringBuilder("resetkeys");
		this.keyPatterns.forEach((pattern) -> rule.append(" ~").append(pattern));
		rule.append(" resetchannels -@all");
		this.commands.forEach((command) -> rule.append(" +").append(command));
		return rule.toString();
	}

	/**
	 * The {@code user} line of an ACL file or redis.conf. The password goes in as its
	 * SHA-256 ({@code #hex}), so the file written to disk holds no password.
	 */
	public String aclLine(String password) {
		if (password == null || password.isBlank()) {
			throw new IllegalArgumentException("Redis user " + this.name + " needs a password");
		}
		return "user " + this.name + " on #" + sha256(password) + " " + permissions();
	}

	private static String sha256(String password) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
