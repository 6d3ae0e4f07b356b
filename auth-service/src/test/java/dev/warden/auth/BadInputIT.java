package dev.warden.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import dev.warden.auth.user.User;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Whatever arrives, the answer is a 4xx problem+json with a stable code, never a 500. */
class BadInputIT extends AuthIntegrationTest {

	@ParameterizedTest
	@ValueSource(strings = { "", "{", "[]", "null", "{\"email\":42,\"password\":[]}", "{\"email\":\"a@b.c\"}",
			"{\"email\":\"\",\"password\":\"x\"}", "{\"email\":\"\\ud800@example.test\",\"password\":\"\\udfff\"}",
			"{\"email\":\"a@b.c\",\"password\":\"\\u0000\"}" })
	void signInRefusesMalformedBodies(String body) {
		HttpResponse<String> response = sendRaw("POST", "/api/auth/login", body, signingIn());

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type").orElseThrow()).contains("application/problem+json");
		assertThat(response.body()).contains("\"code\":");
	}

	@Test
	void aTenMegabyteBodyIsRefusedNotProcessed() {
		String huge = "{\"email\":\"a@b.c\",\"password\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}";

		HttpResponse<String> response = sendRaw("POST", "/api/auth/login", huge, signingIn());

		assertThat(response.statusCode()).isIn(400, 413);
		assertThat(response.body()).contains("\"code\":");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{}", "{\"currentPassword\":1}", "not json",
			"{\"currentPassword\":\"a\",\"newPassword\":\"b\",\"confirmPassword\":\"c\",\"signOutOtherSessions\":\"maybe\"}" })
	void passwordChangeRefusesMalformedBodies(String body) {
		User user = newUser(uniqueEmail(), strongPassword());

		HttpResponse<String> response = sendRaw("POST", "/api/security/password", body, bearer(user));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("\"code\":");
	}

	@Test
	void missingFieldsAreNamed() {
		User user = newUser(uniqueEmail(), strongPassword());

		HttpResponse<String> response = sendRaw("POST", "/api/security/password", "{}", bearer(user));

		assertThat(response.body()).contains("\"field\":\"currentPassword\"")
			.contains("\"field\":\"newPassword\"")
			.contains("\"field\":\"confirmPassword\"");
	}

	@Test
	void withoutTheGatewaysTokenNothingButSignInIsReachable() {
		for (String path : List.of("/api/me", "/api/security/password/policy", "/api/admin/users")) {
			HttpResponse<String> response = send("GET", path, null, null);
			assertThat(response.statusCode()).as(path).isEqualTo(401);
		}
	}

}
