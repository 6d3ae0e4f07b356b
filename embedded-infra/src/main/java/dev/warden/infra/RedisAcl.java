package dev.warden.infra;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Who may touch which Redis keys, and with which commands: one user per service that uses
 * Redis, limited to its own key prefixes and to the commands its code (and the Lua
 * scripts it runs) sends; the {@code default} user is off, so a client that does not
 * authenticate gets {@code NOAUTH}. The one place these rules are written: the embedded
 * and test servers take them from here, and deploy/redis/start-redis.sh (Docker Compose)
 * is checked against them. docs/architecture.md, "Redis", says why each is needed.
 */
public final class RedisAcl {

	/**
	 * What every client sends to open a connection (Lettuce: HELLO with AUTH, CLIENT
	 * SETNAME/SETINFO, PING).
	 */
	private static final List<String> CONNECTION = List.of("hello", "auth", "ping", "client|setname", "client|setinfo");

	/** Spring Boot's Redis health indicator (readiness): INFO. */
	private static final List<String> HEALTH = List.of("info");

	/**
	 * Spring Data Redis runs a script with EVALSHA, and with EVAL when the server does
	 * not know it yet.
	 */
	private static final List<String> SCRIPTS = List.of("evalsha", "eval");

	/**
	 * The gateway: Spring Cloud Gateway's token buckets
	 * ({@code request_rate_limiter.{id}.tokens/.timestamp}), read and written by its Lua
	 * script (GET, SETEX, and TIME for the server's clock).
	 */
	public static final RedisUser GATEWAY = service("gateway", List.of("request_rate_limiter.*"), List.of(), SCRIPTS,
			List.of("get", "setex", "time"));

	/**
	 * auth-service: failed sign-ins per address, wrong one-time codes per account (each a
	 * hash and a zset of reservations, changed by Lua scripts), the challenges between
	 * password and second step, and the passkey ceremonies' challenges (SET with an
	 * expiry, taken once with GETDEL).
	 */
	public static final RedisUser AUTH = service("auth-service",
			List.of("warden:auth:attempts:*", "warden:auth:codes:*", "warden:auth:mfa:*", "warden:auth:passkey:*"),
			HEALTH, SCRIPTS, List.of("hget", "hmget", "hset", "hmset", "hincrby", "zadd", "zcard", "zrem",
					"zremrangebyscore", "del", "expire", "pexpire", "set", "getdel"));

	/**
	 * session-service: the session hashes, public-id pointers, per-user indexes and known
	 * devices (changed by its Lua scripts), and the stream its events wait in until the
	 * relay hands them to Kafka.
	 */
	public static final RedisUser SESSION = service("session-service", List.of("warden:session:*"), HEALTH, SCRIPTS,
			List.of("get", "set", "exists", "del", "rename", "pexpire", "pttl", "hget", "hset", "hgetall", "zadd",
					"zrange", "zscore", "zrem", "zremrangebyscore", "zremrangebyrank", "xadd", "xgroup|create",
					"xreadgroup", "xack", "xdel", "xlen", "xpending", "xclaim"));

	/**
	 * notification-service: which events were mailed (dedupe), and each user's address
	 * and language.
	 */
	public static final RedisUser NOTIFICATION = service("notification-service",
			List.of("warden:notify:sent:*", "warden:notify:user:*"), HEALTH, List.of(),
			List.of("exists", "set", "hmget", "hset", "hmset", "hdel", "expire", "pexpire"));

	/** Every service that uses Redis; token-service and audit-service do not. */
	public static final List<RedisUser> SERVICES = List.of(GATEWAY, AUTH, SESSION, NOTIFICATION);

	/** Docker Compose's container health check: PING and nothing else. */
	public static final RedisUser HEALTHCHECK = new RedisUser("healthcheck", List.of(), List.of("ping"));

	/**
	 * Tests that look at Redis from outside a service (expire a key as time would, check
	 * what is stored): every key and command. Only the test infrastructure has it, never
	 * a local run or a deployment.
	 */
	public static final RedisUser TEST = new RedisUser("warden-test", List.of("*"), List.of("@all"));

	/** Nobody connects without a user name and password. */
	public static final String DEFAULT_USER_OFF = "user default off resetkeys resetchannels -@all";

	private static final SecureRandom RANDOM = new SecureRandom();

	private RedisAcl() {
	}

	private static RedisUser service(String name, List<String> keys, List<String> health, List<String> scripts,
			List<String> data) {
		List<String> commands = new ArrayList<>(CONNECTION);
		Stream.of(health, scripts, data).forEach(commands::addAll);
		return new RedisUser(name, keys, commands);
	}

	/** The user of this name: a service's, {@link #HEALTHCHECK} or {@link #TEST}. */
	public static Optional<RedisUser> user(String name) {
		return Stream.concat(SERVICES.stream(), Stream.of(HEALTHCHECK, TEST))
			.filter((user) -> user.name().equals(name))
			.findFirst();
	}

	/**
	 * The ACL lines of a server that lets in exactly these users (name to password): the
	 * default user off, then one line each. An unknown name is refused, so a typo cannot
	 * create a user with no rules.
	 */
	public static List<String> lines(Map<String, String> passwords) {
		List<String> lines = new ArrayList<>(List.of(DEFAULT_USER_OFF));
		passwords.forEach((name,
				password) -> lines.add(user(name)
					.orElseThrow(() -> new IllegalArgumentException("No Redis user " + name + " in RedisAcl"))
					.aclLine(password)));
		return lines;
	}

	/**
	 * A fresh random password (256 bits) for each of these users, for servers that live
	 * as long as a test.
	 */
	public static Map<String, String> newPasswords(List<RedisUser> users) {
		Map<String, String> passwords = new LinkedHashMap<>();
		users.forEach((user) -> passwords.put(user.name(), newPassword()));
		return passwords;
	}

	public static String newPassword() {
		byte[] random = new byte[32];
		RANDOM.nextBytes(random);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

}
