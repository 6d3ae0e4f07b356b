package dev.warden.token.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import dev.warden.event.EventTypes;
import dev.warden.token.TokenIntegrationTest;
import dev.warden.infra.test.TestJwts;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AdminTokensIT extends TokenIntegrationTest {

	@Test
	void anAdministratorSeesAUsersTokensAndRevokesEveryActiveOneNamingThemselves() {
		String user = newUserId();
		String admin = newUserId();
		create(session(user, "USER"), "backup", 1, "USER");
		create(session(user, "USER"), "deploy", 3, "USER");
		String path = "/api/admin/users/" + user + "/tokens";

		JsonNode listed = read(send("GET", path, null, session(admin, "USER", "ADMIN")));
		assertThat(listed.path("tokens")).hasSize(2);
		assertThat(listed.toString()).doesNotContain("wdn_");

		HttpResponse<String> revoked = send("POST", path + "/revoke", null, session(admin, "USER", "ADMIN"));
		assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
		assertThat(read(revoked).path("revoked").asInt()).isEqualTo(2);
		List<JsonNode> events = this.events.awaitCount(user, EventTypes.TOKEN_REVOKED, 2);
		assertThat(events).allSatisfy((event) -> {
			assertThat(event.path("data").path("reason").asString()).isEqualTo("admin");
			assertThat(event.path("data").path("actorId").asString()).isEqualTo(admin);
		});
		assertThat(read(send("GET", path, null, session(admin, "USER", "ADMIN"))).path("tokens"))
			.allSatisfy((token) -> assertThat(token.path("status").asString()).isEqualTo("REVOKED"));
		assertThat(read(send("POST", path + "/revoke", null, session(admin, "USER", "ADMIN"))).path("revoked").asInt())
			.isZero();
	}

	@Test
	void authServiceCountsAUsersWorkingTokensAndNoOtherCallerMayAsk() {
		String user = newUserId();
		create(session(user, "USER"), "backup", 1, "USER");
		String revoked = create(session(user, "USER"), "deploy", 3, "USER").path("id").asString();
		create(session(user, "USER"), "expiring", 1, "USER");
		assertThat(send("DELETE", "/api/security/tokens/" + revoked, null, session(user, "USER")).statusCode())
			.isEqualTo(204);
		String path = "/internal/users/" + user + "/tokens/count";

		HttpResponse<String> counted = send("GET", path, null, TestJwts.serviceCall("auth-service", "token-service"));
		java.time.Instant now = this.clock.instant();
		this.clock.advance(java.time.Duration.ofDays(40));
		HttpResponse<String> later = send("GET", path, null, TestJwts.serviceCall("auth-service", "token-service"));
		this.clock.set(now);
		HttpResponse<String> byGateway = send("GET", path, null, TestJwts.serviceCall("gateway", "token-service"));

		assertThat(counted.body()).isEqualTo("{\"count\":2}");
		assertThat(later.body()).as("both one-month tokens expired").isEqualTo("{\"count\":0}");
		assertThat(byGateway.statusCode()).isEqualTo(403);
		assertThat(byGateway.body()).contains("\"code\":\"caller_not_allowed\"");
	}

	@Test
	void onlyAnAdministratorMayAndTheUserIdMustBeOne() {
		String user = newUserId();

		assertThat(send("GET", "/api/admin/users/" + user + "/tokens", null, session(user, "USER")).statusCode())
			.isEqualTo(403);
		assertThat(
				send("POST", "/api/admin/users/" + user + "/tokens/revoke", null, session(user, "USER")).statusCode())
			.isEqualTo(403);
		HttpResponse<String> malformed = send("GET", "/api/admin/users/not-a-user/tokens", null,
				session(newUserId(), "USER", "ADMIN"));
		assertThat(malformed.statusCode()).isEqualTo(400);
		assertThat(malformed.body()).contains("\"code\"");
	}

}
