package dev.warden.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each service is given its own Redis user and nothing of the others'; a local run keeps
 * the passwords.
 */
class RedisPasswordsTest {

	@TempDir
	Path data;

	@Test
	void eachServiceGetsOnlyItsOwnRedisUserAndTokenAndAuditGetNone() {
		Map<String, String> passwords = Map.of("gateway", "g-password", "auth-service", "a-password", "session-service",
				"s-password", "notification-service", "n-password");

		assertThat(RedisPasswords.environment(WardenService.SESSION, passwords)).containsOnly(
				Map.entry("WARDEN_REDIS_USERNAME", "session-service"),
				Map.entry("WARDEN_REDIS_PASSWORD", "s-password"));
		assertThat(RedisPasswords.environment(WardenService.GATEWAY, passwords)).containsEntry("WARDEN_REDIS_PASSWORD",
				"g-password");
		assertThat(RedisPasswords.environment(WardenService.TOKEN, passwords)).isEmpty();
		assertThat(RedisPasswords.environment(WardenService.AUDIT, passwords)).isEmpty();
	}

	@Test
	void aLocalRunGeneratesEachPasswordOnceKeepsItAndTakesAConfiguredOne() throws Exception {
		Map<String, String> first = RedisPasswords.kept(Map.of(), this.data);
		Map<String, String> second = RedisPasswords.kept(Map.of("SESSION_REDIS_PASSWORD", "from-the-environment"),
				this.data);

		assertThat(first).containsOnlyKeys("gateway", "auth-service", "session-service", "notification-service");
		assertThat(first.values()).doesNotHaveDuplicates().allSatisfy((password) -> assertThat(password).hasSize(32));
		assertThat(second).containsEntry("session-service", "from-the-environment")
			.containsEntry("gateway", first.get("gateway"));
		assertThat(Files.readString(this.data.resolve("redis-gateway-password"))).isEqualTo(first.get("gateway"));
	}

}
