package dev.warden.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.warden.event.EventTypes;
import dev.warden.event.Topics;
import dev.warden.launcher.UserLoad.User;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole suite with two real replicas of every service and two gateways, on real
 * infrastructure: users work through both gateways at once, a revocation through one
 * gateway is refused by the other, one replica of each service is killed under load and
 * replaced, and the jobs that must run once (expiry notices, retention, both relays) are
 * counted while two replicas race for them. The figures each test measures are printed
 * ("replicas: ...") and collected into the benchmark report by {@code bench/run.sh
 * replicas}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasSuiteIT {

	private static final String PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 "
			+ "(KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1";

	private static final String TABLET = "Mozilla/5.0 (iPad; CPU OS 17_1 like Mac OS X) AppleWebKit/605.1.15 "
			+ "(KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1";

	/**
	 * The most a revocation may take to reach the other gateway (the contract's bound).
	 */
	private static final Duration REVOCATION_BOUND = Duration.ofSeconds(1);

	private static final HttpClient HTTP = TestHttp.client();

	private static LocalSuite suite;

	private static List<String> gateways;

	@BeforeAll
	static void startTwoOfEverything() {
		Map<WardenService, Integer> two = new EnumMap<>(WardenService.class);
		for (WardenService service : WardenService.values()) {
			two.put(service, 2);
		}
		// The jobs look for work every 2 s, so both replicas of each race for it.
		suite = SharedSuite.separate(Map.of("WARDEN_PASSWORD_EXPIRYCHECKINTERVAL", "2s",
				"WARDEN_TOKENS_EXPIRYCHECKINTERVAL", "2s", "WARDEN_AUDIT_RETENTIONCHECKINTERVAL", "2s"), two);
		gateways = List.of(suite.url(WardenService.GATEWAY, 1), suite.url(WardenService.GATEWAY, 2));
	}

	@AfterAll
	static void stop() {
		if (suite != null) {
			suite.close();
		}
	}

	@Test
	@Order(1)
	void usersOnBothGatewaysAtOnceLandEveryActionOnceAndEveryMailOnce() throws Exception {
		List<User> users = UserLoad.users(suite, gateways, "both", 4);
		Map<String, Long> before = requestsPerProcess();

		UserLoad.run(users, Duration.ofSeconds(30), Duration.ofMillis(300));

		Map<String, Long> served = since(before, requestsPerProcess());
		report("requests per replica during 30 s of 4 users on both gateways: " + served);
		for (WardenService service : SERVED_BY_THE_LOAD) {
			for (ServiceProcess process : suite.processes(service)) {
				assertThat(served.get(process.name())).as(process.name() + " requests").isPositive();
			}
		}
		// notification-service and audit-service work from events: each replica holds
		// partitions.
		for (WardenService consumer : CONSUMERS) {
			for (ServiceProcess process : suite.processes(consumer)) {
				assertThat(assignedPartitions(consumer, process.instance())).as(process.name() + " partitions")
					.isPositive();
			}
		}
		FaultsSuiteIT.awaitEveryMail(users, Duration.ofMinutes(2));
		FaultsSuiteIT.assertEveryEventLoggedOnce(users);
		for (User user : users) {
			assertThat(user.mails(UserLoad.PASSWORD_MAIL)).as(user + " password mails").isEqualTo(user.passwordChanges);
			assertThat(user.mails(UserLoad.TOKEN_MAIL)).as(user + " token mails").isEqualTo(user.tokensCreated);
		}
		// Both outbox relays and both session event relays ran side by side: each event
		// is on its topic once.
		for (String topic : List.of(Topics.AUTH_EVENTS, Topics.SESSION_EVENTS, Topics.TOKEN_EVENTS)) {
			Map<String, Integer> ids = new LinkedHashMap<>();
			for (ConsumerRecord<String, String> record : EventContractIT.readAll(suite, topic)) {
				// The CloudEvent's own id (fields may come in any order; data has ids
				// too).
				String id = JSON.readTree(record.value()).path("id").asString("");
				assertThat(id).as(record.value()).isNotEmpty();
				ids.merge(id, 1, Integer::sum);
			}
			report(topic + ": " + ids.size() + " events on the topic (each id once is checked next)");
			assertThat(ids).as(topic + " events sent more than once")
				.allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
		}
	}

	@Test
	@Order(2)
	void aRevocationThroughOneGatewayIsRefusedByTheOtherWithinASecond() throws Exception {
		String a = gateways.get(0);
		String b = gateways.get(1);
		User user = UserLoad.users(suite, gateways, "revoke", 1).get(0);

		// One session ended through A, while B has it cached.
		String phone = SharedSuite.sessionCookie(SharedSuite.login(b, user.email, user.password, PHONE));
		assertThat(status(b, phone)).isEqualTo(200);
		String phoneId = sessionIdOf(a, user.cookie, PHONE);
		assertThat(SharedSuite.withCookie("DELETE", a + "/api/security/sessions/" + phoneId, user.cookie, null)
			.statusCode()).isEqualTo(204);
		long session = millisUntilRefused(b, "Cookie", "warden_session=" + phone);

		// A token revoked through A, while B has it cached.
		HttpResponse<String> created = SharedSuite.withCookie("POST", a + "/api/security/tokens", user.cookie,
				"{\"name\":\"replicas\",\"validityMonths\":1,\"role\":\"USER\"}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String token = created.body().replaceAll(".*\"token\":\"(wdn_[0-9A-Za-z]+)\".*", "$1");
		String tokenId = created.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
		assertThat(statusWith(b, "Authorization", "Bearer " + token)).isEqualTo(200);
		assertThat(
				SharedSuite.withCookie("DELETE", a + "/api/security/tokens/" + tokenId, user.cookie, null).statusCode())
			.isEqualTo(204);
		long revokedToken = millisUntilRefused(b, "Authorization", "Bearer " + token);

		// "End all other sessions" through A, while B has both of them cached.
		String second = SharedSuite.sessionCookie(SharedSuite.login(b, user.email, user.password, PHONE));
		String third = SharedSuite.sessionCookie(SharedSuite.login(b, user.email, user.password, TABLET));
		assertThat(status(b, second)).isEqualTo(200);
		assertThat(status(b, third)).isEqualTo(200);
		HttpResponse<String> ended = SharedSuite.withCookie("POST", a + "/api/security/sessions/end-others",
				user.cookie, null);
		assertThat(ended.body()).contains("\"ended\":2");
		long others = Math.max(millisUntilRefused(b, "Cookie", "warden_session=" + second),
				millisUntilRefused(b, "Cookie", "warden_session=" + third));

		report("revocation reaching the other gateway after the first one answered: session " + session + " ms, token "
				+ revokedToken + " ms, end other sessions " + others + " ms");
		assertThat(List.of(session, revokedToken, others)).as("milliseconds until the other gateway refused")
			.allSatisfy((millis) -> assertThat(millis).isLessThanOrEqualTo(REVOCATION_BOUND.toMillis()));
		assertThat(status(b, user.cookie)).as("the current session stays").isEqualTo(200);
	}

	@Test
	@Order(3)
	void oneReplicaOfEachServiceKilledUnderLoadCostsUsersNothingTheContractForbidsAndIsReplaced() throws Exception {
		List<User> users = UserLoad.users(suite, gateways, "kill", 4);
		ExecutorService background = Executors.newSingleThreadExecutor();
		Map<String, Long> recovery = new LinkedHashMap<>();
		try {
			Future<?> load = background.submit(() -> {
				UserLoad.run(users, Duration.ofSeconds(50), Duration.ofMillis(200), true);
				return null;
			});
			Thread.sleep(10_000);
			for (WardenService service : WardenService.values()) {
				suite.process(service, 2).kill();
			}
			// The survivors carry the load alone for a while.
			Thread.sleep(8_000);
			for (WardenService service : WardenService.values()) {
				long started = System.nanoTime();
				suite.relaunch(service, 2, Duration.ofMinutes(3));
				recovery.put(suite.process(service, 2).name(),
						Duration.ofNanos(System.nanoTime() - started).toMillis());
			}
			load.get();
		}
		finally {
			background.shutdownNow();
		}
		report("kill: replacement ready after (ms) " + recovery);
		int interrupted = users.stream().mapToInt((user) -> user.interrupted).sum();
		report("kill: answers lost or 503 with Retry-After during the kill: " + interrupted);

		// Nothing lost, nothing doubled: each change the users know of is logged and
		// mailed exactly once; a sign-in whose answer was lost may or may not be there.
		FaultsSuiteIT.awaitEveryMail(users, Duration.ofMinutes(3));
		Thread.sleep(3_000);
		for (User user : users) {
			assertThat(user.passwordChanges).as("the load did something").isGreaterThan(3);
			assertThat(user.inLog(EventTypes.PASSWORD_CHANGED)).as(user + " password changes logged")
				.isEqualTo(user.passwordChanges);
			assertThat(user.inLog(EventTypes.TOKEN_CREATED)).as(user + " tokens logged").isEqualTo(user.tokensCreated);
			assertThat(user.inLog(EventTypes.TOKEN_REVOKED)).as(user + " revocations logged")
				.isEqualTo(user.tokensRevoked);
			assertThat(user.inLog(EventTypes.LOGIN_SUCCEEDED)).as(user + " sign-ins logged")
				.isBetween(user.signIns, user.signIns + user.uncertainSignIns);
			assertThat(user.mails(UserLoad.PASSWORD_MAIL)).as(user + " password mails").isEqualTo(user.passwordChanges);
			assertThat(user.mails(UserLoad.TOKEN_MAIL)).as(user + " token mails").isEqualTo(user.tokensCreated);
		}

		// The replacements take their share of requests and of the partitions (the
		// users who left the killed gateway come back to it).
		users.forEach((user) -> user.gateway = user.gateways.get(0));
		Map<String, Long> before = requestsPerProcess();
		UserLoad.run(users, Duration.ofSeconds(15), Duration.ofMillis(300));
		Map<String, Long> served = since(before, requestsPerProcess());
		report("requests per replica after the replacements started: " + served);
		for (WardenService service : SERVED_BY_THE_LOAD) {
			String replacement = suite.process(service, 2).name();
			assertThat(served.get(replacement)).as(replacement + " requests").isPositive();
		}
		for (WardenService consumer : CONSUMERS) {
			assertThat(assignedPartitions(consumer, 2)).as(consumer.module() + "-2 partitions").isPositive();
			assertThat(assignedPartitions(consumer, 1)).as(consumer.module() + " partitions").isPositive();
		}
	}

	@Test
	@Order(4)
	void expiryNoticesAndRetentionRunOnceWithTwoReplicasRacing() throws Exception {
		List<User> users = UserLoad.users(suite, gateways, "jobs", 3);
		String a = gateways.get(0);
		String admin = SharedSuite.sessionCookie(
				SharedSuite.login(a, SharedSuite.ADMIN_EMAIL, SharedSuite.ADMIN_PASSWORD, "Mozilla/5.0 (jobs)"));
		// Each user's token due to expire in three days, and password in ten.
		try (Connection tokens = DriverManager.getConnection(suite.infrastructure().jdbcUrl("tokens"), "postgres",
				"postgres");
				Connection auth = DriverManager.getConnection(suite.infrastructure().jdbcUrl("auth"), "postgres",
						"postgres")) {
			for (User user : users) {
				HttpResponse<String> created = SharedSuite.withCookie("POST", user.gateway + "/api/security/tokens",
						user.cookie, "{\"name\":\"expiring\",\"validityMonths\":1,\"role\":\"USER\"}");
				assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
				String tokenId = created.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
				update(tokens,
						"update api_token set expires_at = now() + interval '3 days' where id = '" + tokenId + "'");
				update(auth, "update app_user set password_changed_at = now() - interval '80 days' where email = '"
						+ user.email + "'");
			}
		}
		String policyUrl = a + "/api/admin/password-policy";
		String policy = SharedSuite.withCookie("GET", policyUrl, admin, null).body();
		HttpResponse<String> expiring = SharedSuite.withCookie("PUT", policyUrl, admin,
				policy.replaceAll("\"maxAgeDays\":[0-9]+", "\"maxAgeDays\":90"));
		assertThat(expiring.statusCode()).as(expiring.body()).isEqualTo(200);
		// The oldest entries of the security log, backdated past the retention period.
		int backdated = 5;
		try (Connection audit = DriverManager.getConnection(suite.infrastructure().jdbcUrl("audit"), "postgres",
				"postgres")) {
			update(audit, "update security_event set occurred_at = now() - interval '500 days' where seq in "
					+ "(select seq from security_event order by seq limit " + backdated + ")");
			try {
				long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
				while (System.nanoTime() < deadline
						&& (count(audit, EventTypes.AUDIT_RETENTION_APPLIED, null) < 1 || users.stream()
							.anyMatch((user) -> mails(user, "Your API token expires soon") < 1
									|| mails(user, "Your password expires soon") < 1))) {
					Thread.sleep(500);
				}
				// Many more rounds of both replicas: long enough for a second notice or
				// retention to show up.
				Thread.sleep(8_000);
				assertThat(count(audit, EventTypes.AUDIT_RETENTION_APPLIED, null)).as("retention applied").isEqualTo(1);
				assertThat(count(audit, "data->>'removed'", null)).isEqualTo(backdated);
				for (User user : users) {
					String id = userId(audit, user.email);
					assertThat(count(audit, EventTypes.TOKEN_EXPIRING_SOON, id)).as(user + " token notices")
						.isEqualTo(1);
					assertThat(count(audit, EventTypes.PASSWORD_EXPIRING_SOON, id)).as(user + " password notices")
						.isEqualTo(1);
					assertThat(mails(user, "Your API token expires soon")).as(user + " token notice mails")
						.isEqualTo(1);
					assertThat(mails(user, "Your password expires soon")).as(user + " password notice mails")
						.isEqualTo(1);
				}
			}
			finally {
				SharedSuite.withCookie("PUT", policyUrl, admin, policy);
			}
		}
		HttpResponse<String> verified = SharedSuite.withCookie("GET", a + "/api/admin/security-log/verify", admin,
				null);
		assertThat(verified.body()).as("hash chain after retention").contains("\"valid\":true");
	}

	/**
	 * The services the users' requests reach (through a gateway, or from auth-service).
	 */
	private static final List<WardenService> SERVED_BY_THE_LOAD = List.of(WardenService.GATEWAY, WardenService.AUTH,
			WardenService.SESSION, WardenService.TOKEN);

	/** The services that consume events (the gateway in a group per replica). */
	private static final List<WardenService> CONSUMERS = List.of(WardenService.SESSION, WardenService.TOKEN,
			WardenService.NOTIFICATION, WardenService.AUDIT, WardenService.GATEWAY);

	private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder()
		.build();

	private static final Pattern EVENT_ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

	private static void report(String figure) {
		System.out.println("replicas: " + figure);
	}

	private static int status(String gateway, String cookie) throws Exception {
		return statusWith(gateway, "Cookie", "warden_session=" + cookie);
	}

	private static int statusWith(String gateway, String header, String value) throws Exception {
		return HTTP
			.send(HttpRequest.newBuilder(URI.create(gateway + "/api/me"))
				.timeout(Duration.ofSeconds(10))
				.header(header, value)
				.build(), HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

	/**
	 * Milliseconds from now (the first gateway's answer just came) until the gateway
	 * refuses the credential; 0 when its first answer already does.
	 */
	private static long millisUntilRefused(String gateway, String header, String value) throws Exception {
		long start = System.nanoTime();
		long deadline = start + Duration.ofSeconds(15).toNanos();
		while (statusWith(gateway, header, value) != 401) {
			assertThat(System.nanoTime()).as("refused within 15 s").isLessThan(deadline);
			Thread.sleep(10);
		}
		return Duration.ofNanos(System.nanoTime() - start).toMillis();
	}

	/** The id of the user's session on this device (not the current one). */
	private static String sessionIdOf(String gateway, String cookie, String userAgent) throws Exception {
		String body = SharedSuite.withCookie("GET", gateway + "/api/security/sessions", cookie, null).body();
		for (String entry : body.split("\\},\\{")) {
			if (entry.contains("\"current\":false")) {
				Matcher id = EVENT_ID.matcher(entry);
				if (id.find()) {
					return id.group(1);
				}
			}
		}
		throw new AssertionError("no other session of " + userAgent + " in " + body);
	}

	/**
	 * HTTP requests each process has served on its API port so far
	 * ({@code http_server_requests_seconds_count}), by process name.
	 */
	private static Map<String, Long> requestsPerProcess() throws Exception {
		Map<String, Long> requests = new LinkedHashMap<>();
		for (ServiceProcess process : suite.processes()) {
			long total = 0;
			for (String line : metrics(process).split("\n")) {
				if (line.startsWith("http_server_requests_seconds_count") && !line.contains("uri=\"/actuator")) {
					total += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
				}
			}
			requests.put(process.name(), total);
		}
		return requests;
	}

	private static Map<String, Long> since(Map<String, Long> before, Map<String, Long> after) {
		Map<String, Long> served = new LinkedHashMap<>();
		after.forEach((process, count) -> served.put(process, count - before.getOrDefault(process, 0L)));
		return served;
	}

	/** Partitions the instance's Kafka consumers hold now (all its groups together). */
	private static long assignedPartitions(WardenService service, int instance) throws Exception {
		long total = 0;
		for (String line : metrics(suite.process(service, instance)).split("\n")) {
			if (line.startsWith("kafka_consumer_coordinator_assigned_partitions")) {
				total += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
			}
		}
		return total;
	}

	private static String metrics(ServiceProcess process) throws Exception {
		return HTTP
			.send(HttpRequest
				.newBuilder(
						URI.create(suite.managementUrl(process.service(), process.instance()) + "/actuator/prometheus"))
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString())
			.body();
	}

	private static int mails(User user, String subject) {
		try {
			return user.mails(subject);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void update(Connection connection, String sql) throws Exception {
		try (Statement statement = connection.createStatement()) {
			assertThat(statement.executeUpdate(sql)).as(sql).isPositive();
		}
	}

	/**
	 * Entries of this type (of this user, when given) in the security log; with a
	 * {@code data->>'...'} expression instead of a type, the sum of that field over the
	 * retention entries.
	 */
	private static long count(Connection audit, String type, String userId) throws Exception {
		String sql = type.startsWith("data->>")
				? "select coalesce(sum((" + type + ")::int), 0) from security_event where type = '"
						+ EventTypes.AUDIT_RETENTION_APPLIED + "'"
				: "select count(*) from security_event where type = '" + type + "'"
						+ (userId == null ? "" : " and user_id = '" + userId + "'");
		try (Statement statement = audit.createStatement(); ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getLong(1);
		}
	}

	private static String userId(Connection audit, String email) throws Exception {
		try (Statement statement = audit.createStatement();
				ResultSet result = statement.executeQuery("select user_id from security_event where type = '"
						+ EventTypes.USER_CREATED + "' and data->>'email' = '" + email + "'")) {
			assertThat(result.next()).as("user.created of " + email).isTrue();
			return result.getString(1);
		}
	}

}
