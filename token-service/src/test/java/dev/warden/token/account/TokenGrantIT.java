package dev.warden.token.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import dev.warden.event.ApiTokenFormat;
import dev.warden.event.EventTypes;
import dev.warden.token.GatewayGrants;
import dev.warden.token.GatewayGrants.Issued;
import dev.warden.token.TokenIntegrationTest;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A token is made of the value the gateway sends and stored with the grant the gateway
 * signed for it; the introspection hands that grant back, since the gateway believes only
 * what it signed.
 */
@ExtendWith(OutputCaptureExtension.class)
class TokenGrantIT extends TokenIntegrationTest {

	private static final String BODY = "{\"name\":\"ci\",\"validityMonths\":1,\"role\":\"USER\"}";

	@Autowired
	JdbcTemplate jdbc;

	@ParameterizedTest
	@MethodSource("withoutAGatewayGrant")
	void aCreationWithoutTheGatewaysValueAndGrantIsRefusedAndWritesNothing(
			Function<Issued, Map<String, String>> headers) {
		String user = newUserId();
		String session = session(user, "USER");

		HttpResponse<String> response = createRequest(session, BODY, headers.apply(GatewayGrants.issue(session, 1)));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("\"code\":\"token_grant_missing\"");
		assertNothingStoredFor(user);
	}

	static Stream<Named<Function<Issued, Map<String, String>>>> withoutAGatewayGrant() {
		return Stream.of(Named.of("neither header", (issued) -> Map.of()),
				Named.of("no grant", (issued) -> Map.of(GatewayGrants.VALUE_HEADER, issued.value())),
				Named.of("no value", (issued) -> Map.of(GatewayGrants.GRANT_HEADER, issued.grant())),
				Named.of("empty headers", (issued) -> headers("", "")),
				Named.of("a value failing its checksum", (issued) -> headers(mistype(issued.value()), issued.grant())),
				Named.of("a value not a token", (issued) -> headers("wdn_short", issued.grant())),
				Named.of("a grant not a JWS", (issued) -> headers(issued.value(), "not-a-jws")),
				Named.of("an unsigned grant",
						(issued) -> headers(issued.value(),
								issued.grant().substring(0, issued.grant().lastIndexOf('.') + 1))),
				Named.of("a grant of five parts", (issued) -> headers(issued.value(), issued.grant() + ".e30.e30")),
				Named.of("a padded grant", (issued) -> headers(issued.value(), issued.grant() + "=")),
				Named.of("a grant over 4096 characters",
						(issued) -> headers(issued.value(),
								"a".repeat(2000) + "." + "b".repeat(2000) + ".c" + "d".repeat(100))),
				Named.of("the value twice", (issued) -> {
					Map<String, String> twice = new LinkedHashMap<>(issued.headers());
					twice.put(GatewayGrants.VALUE_HEADER.toLowerCase(), ApiTokenFormat.newToken());
					return twice;
				}));
	}

	@Test
	void theTokenIsTheValueTheGatewayMadeAndTheDatabaseHoldsOnlyItsHash() {
		String session = session(newUserId(), "USER");
		Issued issued = GatewayGrants.issue(session, 1);

		JsonNode created = create(session, "made by the gateway", 1, "USER", issued);

		assertThat(created.get("token").asString()).isEqualTo(issued.value());
		assertThat(created.get("hint").asString()).isEqualTo(ApiTokenFormat.hint(issued.value()));
		UUID id = UUID.fromString(created.get("id").asString());
		assertThat(this.jdbc.queryForObject("select token_hash from api_token where id = ?", String.class, id))
			.isEqualTo(ApiTokenFormat.hash(issued.value()));
		String random = issued.value()
			.substring(ApiTokenFormat.PREFIX.length(), ApiTokenFormat.PREFIX.length() + ApiTokenFormat.RANDOM_LENGTH);
		assertThat(this.jdbc.queryForObject("select row_to_json(t)::text from api_token t where t.id = ?", String.class,
				id))
			.as("no column holds the value")
			.doesNotContain(random);
		assertThat(introspect(issued.value()).get("active").asBoolean()).isTrue();
	}

	@Test
	void introspectionAnswersExactlyTheGrantStoredAtCreation() {
		String session = session(newUserId(), "USER");
		Issued issued = GatewayGrants.issue(session, 1);
		String id = create(session, "with grant", 1, "USER", issued).get("id").asString();

		JsonNode active = introspect(issued.value());
		send("DELETE", "/api/security/tokens/" + id, null, session);
		JsonNode revoked = introspect(issued.value());

		assertThat(active.get("active").asBoolean()).isTrue();
		assertThat(active.get("grant").asString()).isEqualTo(issued.grant());
		assertThat(this.jdbc.queryForObject("select grant_jws from api_token where id = ?", String.class,
				UUID.fromString(id)))
			.isEqualTo(issued.grant());
		assertThat(revoked.get("reason").asString()).isEqualTo("revoked");
		assertThat(revoked.path("grant").isNull() || revoked.path("grant").isMissingNode()).isTrue();
	}

	@Test
	void aTokenMadeBeforeGrantsIsAnsweredWithANullGrant() {
		String user = newUserId();
		String value = ApiTokenFormat.newToken();
		Instant now = this.clock.instant();
		this.jdbc.update("""
				insert into api_token (id, user_id, name, role, token_hash, hint, created_at, expires_at)
				values (?, ?, 'legacy', 'USER', ?, ?, ?, ?)""", UUID.randomUUID(), user, ApiTokenFormat.hash(value),
				ApiTokenFormat.hint(value), Timestamp.from(now), Timestamp.from(now.plus(Duration.ofDays(30))));

		JsonNode answer = introspect(value);

		assertThat(answer.get("active").asBoolean()).isTrue();
		assertThat(answer.get("userId").asString()).isEqualTo(user);
		assertThat(answer.has("grant")).isTrue();
		assertThat(answer.get("grant").isNull()).isTrue();
	}

	@Test
	void aValueAlreadyUsedIsRefusedAndNothingIsWritten() {
		String owner = newUserId();
		String ownerSession = session(owner, "USER");
		Issued first = GatewayGrants.issue(ownerSession, 1);
		create(ownerSession, "first", 1, "USER", first);
		String other = newUserId();
		String otherSession = session(other, "USER");

		HttpResponse<String> byAnother = createRequest(otherSession, BODY,
				GatewayGrants.issue(otherSession, first.value(), 1).headers());
		HttpResponse<String> again = createRequest(ownerSession,
				"{\"name\":\"again\",\"validityMonths\":1,\"role\":\"USER\"}",
				GatewayGrants.issue(ownerSession, first.value(), 1).headers());

		for (HttpResponse<String> refused : List.of(byAnother, again)) {
			assertThat(refused.statusCode()).isEqualTo(409);
			assertThat(refused.body()).contains("\"code\":\"token_exists\"");
		}
		assertNothingStoredFor(other);
		assertThat(this.jdbc.queryForObject("select count(*) from api_token where user_id = ?", Integer.class, owner))
			.isEqualTo(1);
		JsonNode stillTheFirst = introspect(first.value());
		assertThat(stillTheFirst.get("userId").asString()).isEqualTo(owner);
		assertThat(stillTheFirst.get("grant").asString()).isEqualTo(first.grant());
	}

	@Test
	void neitherTheValueNorTheGrantAppearsInTheLogOrTheEvents(CapturedOutput output) {
		String user = newUserId();
		String session = session(user, "USER");
		Issued issued = GatewayGrants.issue(session, 1);

		create(session, "quiet", 1, "USER", issued);
		createRequest(session, BODY, issued.headers());
		createRequest(session, BODY, headers(issued.value(), issued.grant() + "="));
		createRequest(session, BODY, headers(issued.value() + "x", issued.grant()));
		introspect(issued.value());

		this.events.await(user, EventTypes.TOKEN_CREATED);
		// The signature part: in any copy of the grant, whole or split at its dots.
		String signature = issued.grant().substring(issued.grant().lastIndexOf('.') + 1);
		assertThat(output.getAll()).doesNotContain(issued.value()).doesNotContain(signature);
		assertThat(this.events.rawMentioning(user))
			.allSatisfy((event) -> assertThat(event).doesNotContain(issued.value()).doesNotContain(signature));
	}

	private void assertNothingStoredFor(String user) {
		assertThat(this.jdbc.queryForObject("select count(*) from api_token where user_id = ?", Integer.class, user))
			.isZero();
		assertThat(this.jdbc.queryForObject("select count(*) from token_owner where user_id = ?", Integer.class, user))
			.as("the owner's row is written in the same transaction")
			.isZero();
	}

	private static Map<String, String> headers(String value, String grant) {
		return Map.of(GatewayGrants.VALUE_HEADER, value, GatewayGrants.GRANT_HEADER, grant);
	}

	private static String mistype(String value) {
		char last = value.charAt(value.length() - 1);
		return value.substring(0, value.length() - 1) + (last == 'a' ? 'b' : 'a');
	}

}
