package dev.warden.token.exposure;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import dev.warden.event.ApiTokenFormat;
import dev.warden.event.EventTypes;
import dev.warden.infra.test.TestJwts;
import dev.warden.token.TokenIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The public door for leaked tokens: anyone reports a list, each active well-formed token
 * in it stops, and the answer is the same whichever matched.
 */
class ExposedTokensIT extends TokenIntegrationTest {

	private static final String PATH = "/api/tokens/revocations";

	@Test
	void aReportedTokenIsRevokedForItsOwnerAndTheAnswerNeverSaysWhichMatched() {
		String user = newUserId();
		String leaked = create(session(user, "USER"), "ci deploy", 3, "USER").path("token").asString();
		String kept = create(session(user, "USER"), "backup", 3, "USER").path("token").asString();
		String unknown = ApiTokenFormat.newToken();

		HttpResponse<String> reported = report(this.json.writeValueAsString(
				List.of(leaked, "  " + leaked + "\n", unknown, "wdn_notatoken", "ghp_somebodyelses", leaked + "x")));
		HttpResponse<String> onlyUnknown = report(this.json.writeValueAsString(List.of(ApiTokenFormat.newToken())));

		assertThat(reported.statusCode()).isEqualTo(202);
		assertThat(reported.body()).isEqualTo("{\"received\":2}");
		assertThat(onlyUnknown.body()).as("the same answer for a token nobody has").isEqualTo("{\"received\":1}");
		assertThat(introspect(leaked).path("active").asBoolean()).isFalse();
		assertThat(introspect(kept).path("active").asBoolean()).isTrue();
		JsonNode revoked = this.events.await(user, EventTypes.TOKEN_REVOKED);
		assertThat(revoked.path("data").path("reason").asString()).isEqualTo("reported_exposed");
		assertThat(revoked.path("data").path("actorId").asString()).isEqualTo("system");
		assertThat(revoked.toString()).doesNotContain(leaked);
		assertThat(report(this.json.writeValueAsString(List.of(leaked))).body())
			.as("reported again: the same answer, nothing published twice")
			.isEqualTo("{\"received\":1}");
		assertThat(this.events.find(user, EventTypes.TOKEN_REVOKED)).hasSize(1);
	}

	@Test
	void aReportIsAListOfAtMostAHundredStrings() {
		List<String> tooMany = new ArrayList<>();
		for (int i = 0; i < 101; i++) {
			tooMany.add(ApiTokenFormat.newToken());
		}
		for (String body : new String[] { this.json.writeValueAsString(tooMany), "{\"tokens\":[]}", "[null]",
				"not json" }) {
			HttpResponse<String> refused = report(body);
			assertThat(refused.statusCode()).as(body).isEqualTo(400);
			assertThat(refused.body()).as(body).contains("\"code\"");
		}
		assertThat(report("[]").body()).isEqualTo("{\"received\":0}");
	}

	private HttpResponse<String> report(String body) {
		return send("POST", PATH, body, TestJwts.shared().anonymous().clientIp(CLIENT_IP).bearer());
	}

}
