package dev.warden.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.warden.infra.test.SharedInfrastructure;
import org.junit.jupiter.api.Test;

/**
 * A service taken over by an attacker reaches Redis with that service's user only: it
 * cannot touch another service's keys (notification-service writing a session, the
 * internet-facing gateway reading one, anyone resetting sign-in counters) nor run the
 * commands that administer or empty Redis; and without a user, nothing. Against the
 * shared test Redis, configured from {@link RedisAcl} as every Warden Redis is.
 */
class CompromisedServiceRedisIT {

	private static final String SESSION_KEY = "warden:session:s:" + "0".repeat(64);

	private static final String SIGN_IN_COUNTER = "warden:auth:attempts:" + "0".repeat(64);

	private final TestInfrastructure infrastructure = SharedInfrastructure.get();

	@Test
	void aClientWithoutAUserIsRefusedEveryCommand() throws Exception {
		try (RespClient anonymous = new RespClient(this.infrastructure.redisUrl())) {
			for (List<String> command : List.of(List.of("PING"), List.of("GET", SESSION_KEY),
					List.of("HSET", SESSION_KEY, "uid", "attacker"), List.of("DEL", SIGN_IN_COUNTER),
					List.of("FLUSHALL"))) {
				assertThat(anonymous.send(command.toArray(String[]::new))).as("%s", command).startsWith("NOAUTH");
			}
			assertThat(anonymous.send("AUTH", "default", "")).as("the default user is off").startsWith("WRONGPASS");
		}
	}

	@Test
	void aWrongPasswordIsRefused() throws Exception {
		try (RespClient client = new RespClient(this.infrastructure.redisUrl())) {
			assertThat(client.send("AUTH", RedisAcl.NOTIFICATION.name(), "guessed")).startsWith("WRONGPASS");
			assertThat(client.send("GET", SESSION_KEY)).startsWith("NOAUTH");
		}
	}

	@Test
	void notificationServiceCannotWriteASessionNorResetASignInCounter() throws Exception {
		try (RespClient notification = as(RedisAcl.NOTIFICATION)) {
			assertThat(notification.send("HSET", SESSION_KEY, "uid", "attacker")).startsWith("NOPERM");
			assertThat(notification.send("SET", SESSION_KEY, "forged")).startsWith("NOPERM");
			assertThat(notification.send("EXISTS", SESSION_KEY)).startsWith("NOPERM");
			assertThat(notification.send("DEL", SIGN_IN_COUNTER)).startsWith("NOPERM");
			assertThat(notification.send("SET", SIGN_IN_COUNTER, "0")).startsWith("NOPERM");
			// Its own keys it may write.
			assertThat(notification.send("SET", "warden:notify:sent:acl-check", "1", "EX", "60")).isEqualTo("OK");
		}
	}

	@Test
	void theGatewayCannotReadOrForgeASessionNorClearTheSignInCounters() throws Exception {
		try (RespClient gateway = as(RedisAcl.GATEWAY)) {
			assertThat(gateway.send("GET", "warden:session:p:some-public-id")).startsWith("NOPERM");
			assertThat(gateway.send("SETEX", SESSION_KEY, "60", "forged")).startsWith("NOPERM");
			assertThat(gateway.send("EVAL", "return redis.call('DEL', KEYS[1])", "1", SIGN_IN_COUNTER))
				.startsWith("NOPERM");
			// A script may not reach a key it was not given, nor run a command the user
			// may not.
			assertThat(gateway.send("EVAL", "return redis.call('GET', '" + SESSION_KEY + "')", "0"))
				.contains("can't access at least one of the keys");
			assertThat(gateway.send("EVAL", "return redis.call('FLUSHALL')", "0")).contains("can't run this command");
			assertThat(gateway.send("SETEX", "request_rate_limiter.{acl-check}.tokens", "60", "1")).isEqualTo("OK");
		}
	}

	@Test
	void sessionServiceCannotTouchSignInCountersOrTwoFactorChallenges() throws Exception {
		try (RespClient session = as(RedisAcl.SESSION)) {
			assertThat(session.send("DEL", SIGN_IN_COUNTER)).startsWith("NOPERM");
			assertThat(session.send("EVAL", "return redis.call('DEL', KEYS[1])", "1", "warden:auth:mfa:x"))
				.startsWith("NOPERM");
		}
	}

	@Test
	void authServiceCannotWriteASession() throws Exception {
		try (RespClient auth = as(RedisAcl.AUTH)) {
			assertThat(auth.send("HSET", SESSION_KEY, "uid", "attacker")).startsWith("NOPERM");
			assertThat(auth.send("EVAL", "return redis.call('HSET', KEYS[1], 'uid', 'x')", "1", SESSION_KEY))
				.startsWith("NOPERM");
		}
	}

	@Test
	void noServiceMayEmptyConfigureListOrAdministerRedis() throws Exception {
		for (RedisUser user : RedisAcl.SERVICES) {
			try (RespClient service = as(user)) {
				for (List<String> command : List.of(List.of("FLUSHALL"), List.of("FLUSHDB"),
						List.of("CONFIG", "GET", "*"), List.of("CONFIG", "SET", "appendonly", "no"),
						List.of("KEYS", "*"), List.of("SCAN", "0"), List.of("ACL", "LIST"), List.of("ACL", "WHOAMI"),
						List.of("DEBUG", "SLEEP", "0"), List.of("SCRIPT", "FLUSH"), List.of("SHUTDOWN"),
						List.of("MONITOR"), List.of("CLIENT", "KILL", "TYPE", "normal"), List.of("SUBSCRIBE", "x"),
						List.of("MODULE", "LIST"), List.of("SAVE"), List.of("REPLICAOF", "NO", "ONE"))) {
					assertThat(service.send(command.toArray(String[]::new))).as("%s by %s", command, user.name())
						.startsWith("NOPERM");
				}
			}
		}
	}

	private RespClient as(RedisUser user) throws Exception {
		return RespClient.as(this.infrastructure.redisUrl(), user.name(),
				this.infrastructure.redisPassword(user.name()));
	}

}
