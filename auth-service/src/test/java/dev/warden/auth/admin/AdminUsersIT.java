package dev.warden.auth.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.warden.auth.AuthIntegrationTest;
import dev.warden.auth.user.User;
import dev.warden.event.EventTypes;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Administration of users: create (with a temporary password), list in pages, unlock. */
class AdminUsersIT extends AuthIntegrationTest {

	@Test
	void createsAUserWithATemporaryPasswordAndTheUserRole() {
		String email = uniqueEmail();

		HttpResponse<String> response = create(Map.of("email", email, "displayName", "Grace Hopper", "roles",
				List.of("ADMIN"), "password", strongPassword()));

		assertThat(response.statusCode()).isEqualTo(201);
		JsonNode user = read(response);
		assertThat(user.get("email").asString()).isEqualTo(email);
		assertThat(user.get("roles").toString()).isEqualTo("[\"USER\",\"ADMIN\"]");
		assertThat(user.get("passwordChangeRequired").asBoolean()).isTrue();
		assertThat(response.body()).doesNotContain("argon2").doesNotContain("password\"");
		this.events.await(user.get("id").asString(), EventTypes.USER_CREATED);
	}

	@Test
	void refusesADuplicateEmailInAnyCase() {
		String email = uniqueEmail();
		create(Map.of("email", email, "displayName", "One", "roles", List.of("USER"), "password", strongPassword()));

		HttpResponse<String> again = create(Map.of("email", email.toUpperCase(), "displayName", "Two", "roles",
				List.of("USER"), "password", strongPassword()));

		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(again.body()).contains("\"code\":\"email_taken\"");
	}

	@Test
	void theFirstPasswordMeetsThePolicyAndBadFieldsAreNamed() {
		HttpResponse<String> weak = create(Map.of("email", uniqueEmail(), "displayName", "Weak", "roles",
				List.of("USER"), "password", "password"));
		HttpResponse<String> invalid = create(Map.of("email", "not-an-email", "displayName", "", "roles",
				List.of("ROOT"), "password", strongPassword()));

		HttpResponse<String> breached = create(Map.of("email", uniqueEmail(), "displayName", "Breached", "roles",
				List.of("USER"), "password", "1qaz2wsx3edc4rfv"));

		assertThat(weak.statusCode()).isEqualTo(400);
		assertThat(weak.body()).contains("\"code\":\"policy.too_short\"").contains("\"code\":\"policy.common\"");
		assertThat(breached.statusCode()).isEqualTo(400);
		assertThat(breached.body()).contains("\"code\":\"policy.breached\"").doesNotContain("policy.too_short");
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(invalid.body()).contains("\"field\":\"email\"")
			.contains("\"field\":\"displayName\"")
			.contains("\"field\":\"roles[0]\"");
	}

	@org.junit.jupiter.params.ParameterizedTest
	@org.junit.jupiter.params.provider.ValueSource(strings = { "Aoife\r\nBcc: x@evil.test", "Tab\tName",
			"Line\u2028Break", "Evil\u202Egnp.exe", "Iso\u2066late", "C1\u0085" })
	void refusesADisplayNameWithControlCharacters(String displayName) {
		String email = uniqueEmail();

		HttpResponse<String> response = create(Map.of("email", email, "displayName", displayName, "roles",
				List.of("USER"), "password", strongPassword()));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(read(response).get("errors").toString()).contains("\"field\":\"displayName\"")
			.contains("\"code\":\"control_characters\"");
	}

	@Test
	void acceptsADisplayNameInAnyScriptWithAnApostrophe() {
		HttpResponse<String> response = create(Map.of("email", uniqueEmail(), "displayName", "Aoife O'Brien 漢字 עברית",
				"roles", List.of("USER"), "password", strongPassword()));

		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(read(response).get("displayName").asString()).isEqualTo("Aoife O'Brien 漢字 עברית");
	}

	@Test
	void listsUsersInPagesWithTheTotal() {
		create(Map.of("email", uniqueEmail(), "displayName", "Listed", "roles", List.of("USER"), "password",
				strongPassword()));

		JsonNode first = read(send("GET", "/api/admin/users?page=0&size=1", null, bearer(admin())));
		JsonNode tooBig = read(send("GET", "/api/admin/users?size=1000", null, bearer(admin())));

		assertThat(first.get("users")).hasSize(1);
		assertThat(first.get("total").asLong()).isGreaterThanOrEqualTo(2);
		assertThat(first.get("users").get(0).has("passwordHash")).isFalse();
		assertThat(tooBig.get("status").asInt()).isEqualTo(400);
	}

	@Test
	void onlyAdministratorsAdministerAndUnknownUsersAreNotFound() {
		User user = newUser(uniqueEmail(), strongPassword());

		HttpResponse<String> notAdmin = send("GET", "/api/admin/users", null, bearer(user));
		HttpResponse<String> unknown = send("POST", "/api/admin/users/" + UUID.randomUUID() + "/unlock", null,
				bearer(admin()));
		HttpResponse<String> malformed = send("POST", "/api/admin/users/not-a-uuid/unlock", null, bearer(admin()));

		assertThat(notAdmin.statusCode()).isEqualTo(403);
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.body()).contains("\"code\":\"user_not_found\"");
		assertThat(malformed.statusCode()).isEqualTo(400);
	}

	@Test
	void unlockingNeedsASessionWithARecentSignIn() {
		User user = newUser(uniqueEmail(), strongPassword());
		String path = "/api/admin/users/" + user.id() + "/unlock";
		String viaApiToken = dev.warden.infra.test.TestJwts.shared()
			.forUser(admin().id().toString())
			.roles("ADMIN")
			.apiToken("adminToken0001")
			.bearer();

		HttpResponse<String> token = send("POST", path, null, viaApiToken);
		HttpResponse<String> stale = send("POST", path, null, bearer(admin(), "sessionPublicId0000001",
				java.time.Instant.now().minus(java.time.Duration.ofMinutes(16))));
		HttpResponse<String> recent = send("POST", path, null, bearer(admin()));

		assertThat(token.statusCode()).isEqualTo(403);
		assertThat(token.body()).contains("\"code\":\"session_required\"");
		assertThat(stale.statusCode()).isEqualTo(403);
		assertThat(stale.body()).contains("\"code\":\"reauthentication_required\"");
		assertThat(recent.statusCode()).isEqualTo(204);
	}

	private HttpResponse<String> create(Map<String, Object> body) {
		return send("POST", "/api/admin/users", body, bearer(admin()));
	}

	private User admin() {
		return bootstrapAdmin();
	}

	@Test
	void anAdministratorEndsEverySessionOfAUserWithARecentSignIn() {
		User user = newUser(uniqueEmail(), strongPassword());
		User admin = bootstrapAdmin();
		String path = "/api/admin/users/" + user.id() + "/sessions/end";

		HttpResponse<String> stale = send("POST", path, null,
				bearer(admin, "adminSession0000000001", java.time.Instant.now().minus(java.time.Duration.ofHours(1))));
		HttpResponse<String> ended = send("POST", path, null, bearer(admin));
		HttpResponse<String> unknown = send("POST", "/api/admin/users/" + UUID.randomUUID() + "/sessions/end", null,
				bearer(admin));
		HttpResponse<String> notAdmin = send("POST", path, null, bearer(user));

		assertThat(stale.statusCode()).isEqualTo(403);
		assertThat(stale.body()).contains("\"code\":\"reauthentication_required\"");
		assertThat(ended.statusCode()).isEqualTo(200);
		assertThat(read(ended).get("ended").asInt()).isEqualTo(2);
		assertThat(SESSIONS.calls("DELETE", "/internal/users/" + user.id() + "/sessions")).singleElement()
			.satisfies((call) -> assertThat(call.uri()).contains("reason=admin"));
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(notAdmin.statusCode()).isEqualTo(403);
	}

}
