package dev.warden.token.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import dev.warden.event.EventTypes;
import dev.warden.infra.test.TestJwts;
import dev.warden.token.TokenIntegrationTest;
import dev.warden.token.TokenLookupCounter;
import dev.warden.event.ApiTokenFormat;
import dev.warden.token.introspect.UsageRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The API tokens section against real PostgreSQL and Kafka: create, list, use, revoke.
 */
@ExtendWith(OutputCaptureExtension.class)
class ApiTokensIT extends TokenIntegrationTest {

	@Autowired
	UsageRecorder usage;

	@Autowired
	TokenLookupCounter lookups;

	@Test
	void createsATokenShownOnceListsItByHintAndRevokesIt(CapturedOutput output) {
		String user = newUserId();
		String session = session(user, "USER");

		JsonNode created = create(session, "  deploy script  ", 3, "USER");
		String token = created.get("token").asString();

		assertThat(token).startsWith("wdn_").hasSize(40);
		assertThat(created.get("name").asString()).isEqualTo("deploy script");
		assertThat(Instant.parse(created.get("expiresAt").asString()))
			.isAfter(this.clock.instant().plus(88, ChronoUnit.DAYS));
		HttpResponse<String> list = send("GET", "/api/security/tokens", null, session);
		assertThat(list.body()).doesNotContain(token)
			.contains("\"hint\":\"" + token.substring(36) + "\"")
			.contains("\"status\":\"ACTIVE\"");
		JsonNode active = introspect(token);
		assertThat(active.get("active").asBoolean()).isTrue();
		assertThat(active.get("userId").asString()).isEqualTo(user);
		assertThat(active.get("role").asString()).isEqualTo("USER");

		String id = created.get("id").asString();
		assertThat(send("DELETE", "/api/security/tokens/" + id, null, session).statusCode()).isEqualTo(204);
		JsonNode revoked = introspect(token);
		assertThat(revoked.get("active").asBoolean()).isFalse();
		assertThat(revoked.get("reason").asString()).isEqualTo("revoked");
		assertThat(send("GET", "/api/security/tokens", null, session).body()).contains("\"status\":\"REVOKED\"");

		JsonNode createdEvent = this.events.await(user, EventTypes.TOKEN_CREATED);
		assertThat(createdEvent.get("data").get("name").asString()).isEqualTo("deploy script");
		assertThat(createdEvent.get("data").get("ip").asString()).isEqualTo(CLIENT_IP);
		this.events.await(user, EventTypes.TOKEN_REVOKED);
		assertThat(this.events.rawMentioning(user))
			.allSatisfy((event) -> assertThat(event).doesNotContain(token).doesNotContain(ApiTokenFormat.hash(token)));
		assertThat(output.getAll()).doesNotContain(token);
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "13", "-1", "\"3\"", "1.5", "null", "12.0", "99999999999" })
	void refusesAnyValidityButAWholeNumberOfOneToTwelveMonths(String months) {
		String session = session(newUserId(), "USER");

		HttpResponse<String> response = createRequest(session,
				"{\"name\":\"ci\",\"validityMonths\":" + months + ",\"role\":\"USER\"}");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("\"code\":\"validity_out_of_range\"")
			.contains("\"field\":\"validityMonths\"");
	}

	@ParameterizedTest
	@ValueSource(strings = { "ci\\r\\nSubject: injected", "tab\\tname", "line\\u2028break", "evil\\u202Egnp.exe",
			"iso\\u2066late", "c1\\u0085" })
	void refusesATokenNameWithControlCharacters(String escapedName) {
		String session = session(newUserId(), "USER");

		HttpResponse<String> response = createRequest(session,
				"{\"name\":\"" + escapedName + "\",\"validityMonths\":1,\"role\":\"USER\"}");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("\"field\":\"name\"").contains("\"code\":\"control_characters\"");
	}

	@Test
	void aMissingValidityIsRefusedToo() {
		HttpResponse<String> response = createRequest(session(newUserId(), "USER"),
				"{\"name\":\"ci\",\"role\":\"USER\"}");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("\"code\":\"validity_out_of_range\"");
	}

	@Test
	void offersOnlyTheRolesTheUserHoldsAndRefusesEscalation() {
		String session = session(newUserId(), "USER");

		HttpResponse<String> roles = send("GET", "/api/security/tokens/roles", null, session);
		HttpResponse<String> escalation = createRequest(session,
				"{\"name\":\"root\",\"validityMonths\":1,\"role\":\"ADMIN\"}");

		assertThat(roles.body()).isEqualTo("{\"roles\":[\"USER\"]}");
		assertThat(escalation.statusCode()).isEqualTo(403);
		assertThat(escalation.body()).contains("\"code\":\"role_not_allowed\"");
	}

	@Test
	void anApiTokenCannotManageTokensAndCreatingNeedsARecentSignIn() {
		String user = newUserId();
		String viaToken = TestJwts.shared().forUser(user).roles("USER").apiToken("t1").amr("token").bearer();
		String stale = TestJwts.shared()
			.forUser(user)
			.roles("USER")
			.session("staleSession0000000001")
			.authTime(Instant.now().minus(Duration.ofHours(1)))
			.bearer();

		HttpResponse<String> tokenCaller = send("GET", "/api/security/tokens", null, viaToken);
		HttpResponse<String> staleCreate = createRequest(stale,
				"{\"name\":\"ci\",\"validityMonths\":1,\"role\":\"USER\"}");

		assertThat(tokenCaller.statusCode()).isEqualTo(403);
		assertThat(tokenCaller.body()).contains("\"code\":\"session_required\"");
		assertThat(staleCreate.statusCode()).isEqualTo(403);
		assertThat(staleCreate.body()).contains("\"code\":\"reauthentication_required\"");
	}

	@Test
	void namesAreUniqueAmongActiveTokensAndTheNumberIsLimited() {
		String session = session(newUserId(), "USER");
		JsonNode first = create(session, "laptop", 1, "USER");

		HttpResponse<String> duplicate = createRequest(session,
				"{\"name\":\"LAPTOP\",\"validityMonths\":1,\"role\":\"USER\"}");
		assertThat(duplicate.statusCode()).isEqualTo(400);
		assertThat(duplicate.body()).contains("\"code\":\"name_taken\"");

		send("DELETE", "/api/security/tokens/" + first.get("id").asString(), null, session);
		create(session, "laptop", 1, "USER");
		create(session, "server", 1, "USER");
		create(session, "phone", 1, "USER");
		HttpResponse<String> fourth = createRequest(session,
				"{\"name\":\"tablet\",\"validityMonths\":1,\"role\":\"USER\"}");
		assertThat(fourth.statusCode()).isEqualTo(409);
		assertThat(fourth.body()).contains("\"code\":\"token_limit_reached\"");
	}

	@Test
	void anotherUsersTokenIsNotFound() {
		JsonNode mine = create(session(newUserId(), "USER"), "mine", 1, "USER");
		String stranger = session(newUserId(), "USER");

		HttpResponse<String> response = send("DELETE", "/api/security/tokens/" + mine.get("id").asString(), null,
				stranger);
		HttpResponse<String> garbage = send("DELETE", "/api/security/tokens/not-a-uuid", null, stranger);

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("\"code\":\"token_not_found\"");
		assertThat(garbage.statusCode()).isEqualTo(404);
		assertThat(introspect(mine.get("token").asString()).get("active").asBoolean()).isTrue();
	}

	@Test
	void tokenServiceIsAskedByTheTokensHashAndNeverByTheTokenItself() {
		String token = create(session(newUserId(), "USER"), "asked by hash", 1, "USER").get("token").asString();
		int before = this.lookups.lookups();

		HttpResponse<String> byToken = send("POST", "/internal/tokens/introspect",
				this.json.writeValueAsString(Map.of("token", token)), null, true);
		HttpResponse<String> notAHash = send("POST", "/internal/tokens/introspect",
				this.json.writeValueAsString(Map.of("tokenHash", token)), null, true);
		int afterRefused = this.lookups.lookups();
		JsonNode byHash = introspect(token);

		assertThat(byToken.statusCode()).isEqualTo(400);
		assertThat(notAHash.statusCode()).isEqualTo(400);
		assertThat(byToken.body()).doesNotContain(token);
		assertThat(afterRefused).as("nothing looked up for a refused question").isEqualTo(before);
		assertThat(byHash.get("active").asBoolean()).isTrue();
		assertThat(this.lookups.lookups()).isEqualTo(before + 1);
	}

	@Test
	void recordsTheLastUseInBatchesNotPerRequest() {
		String session = session(newUserId(), "USER");
		String token = create(session, "batch", 1, "USER").get("token").asString();

		introspect(token);
		introspect(token);
		String beforeFlush = send("GET", "/api/security/tokens", null, session).body();
		this.usage.flush();
		JsonNode listed = read(send("GET", "/api/security/tokens", null, session)).get("tokens").get(0);

		assertThat(beforeFlush).contains("\"lastUsedAt\":null");
		assertThat(listed.get("lastUsedIp").asString()).isEqualTo("203.0.113.9");
		assertThat(listed.get("lastUsedUserAgent").asString()).isEqualTo("script/1.0");
		assertThat(listed.get("lastUsedAt").isNull()).isFalse();
	}

	@Test
	void expiryIsCalendarCorrectAndAnExpiredTokenSaysSo() {
		this.clock.set(Instant.parse("2031-01-31T10:00:00Z"));
		String session = session(newUserId(), "USER");

		JsonNode created = create(session, "short month", 1, "USER");

		assertThat(created.get("expiresAt").asString()).isEqualTo("2031-02-28T10:00:00Z");
		this.clock.set(Instant.parse("2031-02-28T10:00:01Z"));
		JsonNode expired = introspect(created.get("token").asString());
		assertThat(expired.get("active").asBoolean()).isFalse();
		assertThat(expired.get("reason").asString()).isEqualTo("expired");
		assertThat(send("GET", "/api/security/tokens", null, session).body()).contains("\"status\":\"EXPIRED\"");
	}

	@Test
	void badInputIsAProblemNeverAServerError() {
		String session = session(newUserId(), "USER");
		for (String body : new String[] { "", "{", "[]", "{\"name\":\"\",\"validityMonths\":1,\"role\":\"USER\"}",
				"{\"name\":\"" + "n".repeat(101) + "\",\"validityMonths\":1,\"role\":\"USER\"}",
				"{\"name\":\"x\\u0000\",\"validityMonths\":1,\"role\":\"USER\"}",
				"{\"name\":\"x\",\"validityMonths\":1}",
				"{\"name\":\"x\",\"validityMonths\":1,\"role\":\"" + "R".repeat(5000) + "\"}" }) {
			HttpResponse<String> response = createRequest(session, body);
			assertThat(response.statusCode()).as(body).isEqualTo(400);
			assertThat(response.body()).as(body).contains("\"code\":");
		}
		HttpResponse<String> internalJunk = send("POST", "/internal/tokens/introspect", "{\"token\":12}", null, true);
		assertThat(internalJunk.statusCode()).isIn(200, 400);
	}

}
