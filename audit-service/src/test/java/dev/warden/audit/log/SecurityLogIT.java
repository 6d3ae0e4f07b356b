package dev.warden.audit.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.warden.event.auth.PasswordChanged;
import dev.warden.event.EventData;
import dev.warden.audit.chain.ChainEntry;
import dev.warden.audit.chain.LegacyChain;
import dev.warden.event.CloudEvent;
import dev.warden.event.EventSources;
import dev.warden.event.EventTypes;
import dev.warden.event.Topics;
import dev.warden.infra.test.KafkaRecords;
import dev.warden.infra.test.TestJwts;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** The security log as users and administrators read it, and its hash chain. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SecurityLogIT {

	@LocalServerPort
	int port;

	@org.springframework.boot.test.web.server.LocalManagementPort
	int managementPort;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	JsonMapper json;

	final HttpClient http = HttpClient.newHttpClient();

	@Test
	void healthMetricsAndInfoAnswerOnlyOnTheManagementPort() {
		dev.warden.infra.test.ManagementEndpoints.assertOnlyOnManagementPort(this.port, this.managementPort);
	}

	@Test
	void aUserSeesTheirOwnEventsWithASentenceEachAndNobodyElses() throws Exception {
		String me = UUID.randomUUID().toString();
		String someoneElse = UUID.randomUUID().toString();
		String changed = publish(me, EventTypes.PASSWORD_CHANGED, EventData
			.of(new PasswordChanged("me@x.test", "Me", null, "203.0.113.7", null, "s1", true, Instant.now())));
		String theirs = publish(someoneElse, EventTypes.PASSWORD_CHANGED, Map.of("ip", "198.51.100.1"));
		awaitStored(changed, theirs);

		JsonNode page = read(get("/api/security/log", user(me)));

		assertThat(page.get("events")).hasSize(1);
		JsonNode entry = page.get("events").get(0);
		assertThat(entry.get("id").asString()).isEqualTo(changed);
		assertThat(entry.get("summary").asString()).isEqualTo("Password changed from 203.0.113.7");
		assertThat(page.toString()).doesNotContain(theirs).doesNotContain("\"seq\"");
	}

	@Test
	void pagesWithACursorThatNeitherRepeatsNorSkipsWhenNewEventsArrive() throws Exception {
		String me = UUID.randomUUID().toString();
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			ids.add(publish(me, EventTypes.LOGIN_SUCCEEDED, Map.of("ip", "203.0.113." + i)));
		}
		awaitStored(ids.toArray(String[]::new));

		JsonNode first = read(get("/api/security/log?limit=2", user(me)));
		String late = publish(me, EventTypes.LOGOUT, Map.of());
		awaitStored(late);
		JsonNode second = read(get("/api/security/log?limit=2&cursor=" + first.get("nextCursor").asString(), user(me)));
		JsonNode third = read(get("/api/security/log?limit=2&cursor=" + second.get("nextCursor").asString(), user(me)));

		List<String> seen = new ArrayList<>();
		for (JsonNode page : List.of(first, second, third)) {
			page.get("events").forEach((event) -> seen.add(event.get("id").asString()));
		}
		assertThat(seen).containsExactly(ids.get(4), ids.get(3), ids.get(2), ids.get(1), ids.get(0));
	}

	@Test
	void theLogAndItsExportNarrowToOneKindOfEntry() throws Exception {
		String me = UUID.randomUUID().toString();
		String signedIn = publish(me, EventTypes.LOGIN_SUCCEEDED, Map.of("ip", "203.0.113.1"));
		String created = publish(me, EventTypes.TOKEN_CREATED, Map.of("name", "ci"));
		String signedOut = publish(me, EventTypes.LOGOUT, Map.of());
		awaitStored(signedIn, created, signedOut);

		JsonNode signIns = read(get("/api/security/log?kind=sign-in", user(me)));
		List<String> ids = new ArrayList<>();
		signIns.get("events").forEach((event) -> ids.add(event.get("id").asString()));
		assertThat(ids).containsExactly(signedOut, signedIn);
		assertThat(get("/api/security/log/export?kind=tokens", user(me)).body()).contains(created)
			.doesNotContain(signedIn)
			.doesNotContain(signedOut);
	}

	@Test
	void exportsCsvThatASpreadsheetWillNotRunAsAFormula() throws Exception {
		String me = UUID.randomUUID().toString();
		String id = publish(me, EventTypes.LOGIN_FAILED,
				Map.of("ip", "203.0.113.9", "userAgent", "=cmd|' /C calc'!A0 \"quoted\""));
		awaitStored(id);

		HttpResponse<String> csv = get("/api/security/log/export", user(me));

		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
		assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment");
		assertThat(csv.body()).startsWith("\"time\",\"event\",\"summary\"")
			.contains("\"'=cmd|' /C calc'!A0 \"\"quoted\"\"\"")
			.contains("\"Failed sign-in attempt from 203.0.113.9\"")
			.doesNotContain(",\"=cmd");
	}

	@Test
	void verificationNamesTheFirstEditedRow() throws Exception {
		String me = UUID.randomUUID().toString();
		String untouched = publish(me, EventTypes.TOKEN_CREATED, Map.of("name", "ci"));
		String edited = publish(me, EventTypes.TOKEN_REVOKED, Map.of("name", "ci"));
		awaitStored(untouched, edited);
		String admin = TestJwts.shared().forUser("admin").roles("USER", "ADMIN").bearer();
		assertThat(read(get("/api/admin/security-log/verify", admin)).get("valid").asBoolean()).isTrue();

		this.jdbc.update("update security_event set data = '{\"name\":\"innocent\"}'::jsonb where event_id = ?",
				edited);
		JsonNode broken = read(get("/api/admin/security-log/verify", admin));
		String original = this.jdbc.queryForObject("select data::text from security_event where event_id = ?",
				String.class, untouched);
		this.jdbc.update("update security_event set data = '{\"name\":\"ci\"}'::jsonb where event_id = ?", edited);

		assertThat(broken.get("valid").asBoolean()).isFalse();
		assertThat(broken.get("firstBrokenId").asString()).isEqualTo(edited);
		assertThat(original).contains("ci");
		assertThat(read(get("/api/admin/security-log/verify", admin)).get("valid").asBoolean()).isTrue();
	}

	@Test
	void verificationNamesAnEntryEditedAndRechainedWithoutTheKey() throws Exception {
		String me = UUID.randomUUID().toString();
		String before = publish(me, EventTypes.LOGIN_SUCCEEDED, Map.of("ip", "203.0.113.7"));
		String edited = publish(me, EventTypes.LOGIN_FAILED, Map.of("ip", "198.51.100.9"));
		String after = publish(me, EventTypes.LOGOUT, Map.of());
		awaitStored(before, edited, after);
		String admin = TestJwts.shared().forUser("admin").roles("USER", "ADMIN").bearer();
		List<Map<String, Object>> saved = this.jdbc.queryForList("""
				select seq, data::text as data, prev_hash, hash from security_event
				where seq >= (select seq from security_event where event_id = ?) order by seq""", edited);

		// A writer of the database hides the failure and recomputes every link after it
		// the only way it can.
		this.jdbc.update("update security_event set data = '{\"ip\":\"203.0.113.7\"}'::jsonb where event_id = ?",
				edited);
		String previous = this.jdbc.queryForObject("select hash from security_event where event_id = ?", String.class,
				before);
		for (Map<String, Object> row : saved) {
			Map<String, Object> now = this.jdbc.queryForMap("select * from security_event where seq = ?",
					row.get("seq"));
			String hash = LegacyChain.hash(previous,
					new ChainEntry((Long) now.get("seq"), (String) now.get("event_id"), (String) now.get("type"),
							(String) now.get("source"), (String) now.get("user_id"),
							((Timestamp) now.get("occurred_at")).toInstant(), null,
							this.json.readValue(now.get("data").toString(), new TypeReference<>() {
							})),
					this.json);
			this.jdbc.update("update security_event set prev_hash = ?, hash = ? where seq = ?", previous, hash,
					row.get("seq"));
			previous = hash;
		}
		JsonNode broken = read(get("/api/admin/security-log/verify", admin));
		for (Map<String, Object> row : saved) {
			this.jdbc.update("update security_event set data = ?::jsonb, prev_hash = ?, hash = ? where seq = ?",
					row.get("data"), row.get("prev_hash"), row.get("hash"), row.get("seq"));
		}

		assertThat(broken.get("valid").asBoolean()).isFalse();
		assertThat(broken.get("firstBrokenId").asString()).isEqualTo(edited);
		assertThat(broken.get("reason").asString()).isEqualTo("chain_mismatch");
		assertThat(read(get("/api/admin/security-log/verify", admin)).get("valid").asBoolean()).isTrue();
	}

	@Test
	void anEventTimedInNanosecondsJustBelowAMillisecondKeepsTheChainValid() throws Exception {
		// PostgreSQL keeps microseconds and rounds: 11.668999600 s is stored as 11.669000
		// s, one millisecond later
		// than the time the hash was first computed from (found by the kill -9 fault
		// test: ~1 event in 2,000).
		String me = UUID.randomUUID().toString();
		CloudEvent event = new CloudEvent(CloudEvent.SPEC_VERSION, UUID.randomUUID().toString(),
				EventSources.AUTH_SERVICE, EventTypes.LOGOUT, java.time.Instant.parse("2026-11-27T07:55:11.668999600Z"),
				me, CloudEvent.JSON, Map.of());
		KafkaRecords.send(Topics.AUTH_EVENTS, me, this.json.writeValueAsString(event));
		awaitStored(event.id());
		String admin = TestJwts.shared().forUser("admin").roles("USER", "ADMIN").bearer();

		assertThat(read(get("/api/admin/security-log/verify", admin)).get("valid").asBoolean()).isTrue();
	}

	@Test
	void aDeletedRowBreaksTheChainToo() throws Exception {
		String me = UUID.randomUUID().toString();
		String a = publish(me, EventTypes.LOGOUT, Map.of());
		String b = publish(me, EventTypes.LOGOUT, Map.of());
		String c = publish(me, EventTypes.LOGOUT, Map.of());
		awaitStored(a, b, c);
		String admin = TestJwts.shared().forUser("admin").roles("USER", "ADMIN").bearer();
		Map<String, Object> row = this.jdbc.queryForMap("select * from security_event where event_id = ?", b);

		this.jdbc.update("delete from security_event where event_id = ?", b);
		JsonNode broken = read(get("/api/admin/security-log/verify", admin));
		this.jdbc.update("""
				insert into security_event (seq, event_id, type, source, user_id, occurred_at, recorded_at, data,
				                            prev_hash, hash, key_id, actor_type, actor_id, outcome)
				values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?)""", row.get("seq"), row.get("event_id"),
				row.get("type"), row.get("source"), row.get("user_id"), row.get("occurred_at"), row.get("recorded_at"),
				row.get("data").toString(), row.get("prev_hash"), row.get("hash"), row.get("key_id"),
				row.get("actor_type"), row.get("actor_id"), row.get("outcome"));

		assertThat(broken.get("valid").asBoolean()).isFalse();
		assertThat(broken.get("firstBrokenId").asString()).isEqualTo(c);
		assertThat(read(get("/api/admin/security-log/verify", admin)).get("valid").asBoolean()).isTrue();
	}

	@Test
	void attributesEachEntryToTheUserAnAdministratorOrTheSystemWithItsOutcome() throws Exception {
		String me = UUID.randomUUID().toString();
		String changed = publish(me, EventTypes.PASSWORD_CHANGED, Map.of("ip", "203.0.113.7", "userAgent",
				"Mozilla/5.0 (Windows NT 10.0) Chrome/126.0", "sessionId", "pub-session-1"));
		String unlocked = publish(me, EventTypes.ACCOUNT_UNLOCKED, Map.of("actorId", "the-admin"));
		String expired = publish(me, EventTypes.TOKEN_EXPIRED, Map.of("tokenId", "tok-1", "name", "ci"));
		String failed = publish(me, EventTypes.LOGIN_FAILED, Map.of("ip", "198.51.100.4"));
		awaitStored(changed, unlocked, expired, failed);

		Map<String, JsonNode> byId = new java.util.HashMap<>();
		read(get("/api/security/log", user(me))).get("events").forEach((e) -> byId.put(e.get("id").asString(), e));

		assertThat(byId.get(changed).get("actor").toString()).isEqualTo("{\"type\":\"user\",\"id\":\"" + me + "\"}");
		assertThat(byId.get(changed).get("outcome").asString()).isEqualTo("success");
		assertThat(byId.get(changed).get("ip").asString()).isEqualTo("203.0.113.7");
		assertThat(byId.get(changed).get("sessionId").asString()).isEqualTo("pub-session-1");
		assertThat(byId.get(unlocked).get("actor").get("type").asString()).isEqualTo("admin");
		assertThat(byId.get(unlocked).get("actor").get("id").asString()).isEqualTo("the-admin");
		assertThat(byId.get(expired).get("actor").get("type").asString()).isEqualTo("system");
		assertThat(byId.get(expired).get("tokenId").asString()).isEqualTo("tok-1");
		assertThat(byId.get(failed).get("outcome").asString()).isEqualTo("failure");
		JsonNode failures = read(get("/api/security/log?outcome=failure", user(me)));
		assertThat(failures.get("events")).hasSize(1);
		assertThat(failures.get("events").get(0).get("id").asString()).isEqualTo(failed);
	}

	@Test
	void verificationCatchesAnEditedActorColumn() throws Exception {
		String me = UUID.randomUUID().toString();
		String edited = publish(me, EventTypes.ACCOUNT_UNLOCKED, Map.of("actorId", "the-admin"));
		awaitStored(edited);
		String admin = TestJwts.shared().forUser("admin").roles("USER", "ADMIN").bearer();

		this.jdbc.update("update security_event set actor_type = 'user', actor_id = ? where event_id = ?", me, edited);
		JsonNode broken = read(get("/api/admin/security-log/verify", admin));
		this.jdbc.update("update security_event set actor_type = 'admin', actor_id = 'the-admin' where event_id = ?",
				edited);

		assertThat(broken.get("valid").asBoolean()).isFalse();
		assertThat(broken.get("firstBrokenId").asString()).isEqualTo(edited);
		assertThat(read(get("/api/admin/security-log/verify", admin)).get("valid").asBoolean()).isTrue();
	}

	@Test
	void badQueryParametersAreProblems() throws Exception {
		String me = user(UUID.randomUUID().toString());
		for (String query : new String[] { "limit=0", "limit=201", "cursor=!!!", "cursor=bm9wZQ", "from=yesterday",
				"type=a%20b", "outcome=maybe", "kind=logins", "kind=sign-in%25" }) {
			HttpResponse<String> response = get("/api/security/log?" + query, me);
			assertThat(response.statusCode()).as(query).isEqualTo(400);
			assertThat(response.body()).as(query).contains("\"code\":");
		}
	}

	/** As the service that owns the type would: on its topic, with its source. */
	private String publish(String user, String type, Map<String, Object> data) {
		String topic = EventSources.topicOf(type).orElseThrow();
		CloudEvent event = CloudEvent.of(EventSources.ownerOf(topic).orElseThrow(), type, user,
				new LinkedHashMap<>(data));
		KafkaRecords.send(topic, user, this.json.writeValueAsString(event));
		return event.id();
	}

	private void awaitStored(String... ids) {
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			for (String id : ids) {
				Integer count = this.jdbc.queryForObject("select count(*) from security_event where event_id = ?",
						Integer.class, id);
				if (count == null || count == 0) {
					return false;
				}
			}
			return true;
		});
	}

	private static String user(String id) {
		return TestJwts.shared().forUser(id).roles("USER").session("session0000000000000001").bearer();
	}

	private JsonNode read(HttpResponse<String> response) {
		return this.json.readTree(response.body());
	}

	private HttpResponse<String> get(String path, String authorization) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Authorization", authorization)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
