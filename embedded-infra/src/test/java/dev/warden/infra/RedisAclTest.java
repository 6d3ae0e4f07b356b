package dev.warden.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RedisAclTest {

	/** {@code printf %s gateway-secret-password | sha256sum} */
	private static final String GATEWAY_PASSWORD_SHA256 = "162c10bd43f446a538fa685361c8c874806d0c0f4b9bac9dab5174d8c3d2293f";

	@Test
	void turnsTheDefaultUserOffAndWritesOnlyPasswordHashes() {
		Map<String, String> passwords = new LinkedHashMap<>();
		passwords.put("gateway", "gateway-secret-password");
		passwords.put("session-service", "session-secret-password");

		assertThat(RedisAcl.lines(passwords)).containsExactly("user default off resetkeys resetchannels -@all",
				"user gateway on #" + GATEWAY_PASSWORD_SHA256 + " " + RedisAcl.GATEWAY.permissions(),
				RedisAcl.SESSION.aclLine("session-secret-password"));
		assertThat(String.join("\n", RedisAcl.lines(passwords))).doesNotContain("secret-password");
	}

	@Test
	void aServiceMayTouchOnlyItsPrefixesWithNoChannelAndNoOtherCommand() {
		assertThat(RedisAcl.GATEWAY.permissions()).isEqualTo("resetkeys ~request_rate_limiter.* resetchannels -@all"
				+ " +hello +auth +ping +client|setname +client|setinfo +evalsha +eval +get +setex +time");
		assertThat(RedisAcl.NOTIFICATION.permissions())
			.startsWith("resetkeys ~warden:notify:sent:* ~warden:notify:user:* resetchannels -@all")
			.doesNotContain("eval");
	}

	@Test
	void refusesAUserItDoesNotKnowAndAMissingPassword() {
		assertThatThrownBy(() -> RedisAcl.lines(Map.of("token-service", "secret")))
			.hasMessageContaining("No Redis user token-service");
		assertThatThrownBy(() -> RedisAcl.lines(Map.of("gateway", " "))).hasMessageContaining("needs a password");
	}

	@Test
	void givesEachServiceItsOwnRandomPassword() {
		Map<String, String> passwords = RedisAcl.newPasswords(RedisAcl.SERVICES);

		assertThat(passwords).containsOnlyKeys("gateway", "auth-service", "session-service", "notification-service");
		assertThat(passwords.values()).doesNotHaveDuplicates()
			.allSatisfy((password) -> assertThat(password).hasSize(43));
	}

}
