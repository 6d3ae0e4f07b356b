package dev.warden.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import dev.warden.event.EventSources;
import dev.warden.event.EventTypes;
import dev.warden.event.Topics;
import dev.warden.launcher.UserLoad.User;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The suite running under a load of users while one part fails: the SMTP server for a
 * minute, audit-service killed with SIGKILL in the middle of a batch, Redis stopped. Each
 * test states its invariant, counts every event, mail and answer, and fails on a single
 * one lost, doubled or let through.
 */
class FaultsSuiteIT {

	private static final String ACTIVE_UA = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) AppleWebKit/605.1.15 "
			+ "(KHTML, like Gecko) Version/17.1 Safari/605.1.15";

	private static LocalSuite suite;

	@BeforeAll
	static void startSuite() {
		suite = SharedSuite.get();
	}

	/**
	 * Invariant: SMTP down for 60 s under load → after it is back, every mail arrives,
	 * none twice.
	 */
	@Test
	void everyMailHeldWhileSmtpIsDownForAMinuteIsDeliveredOnceWhenItIsBack() throws Exception {
		List<User> users = UserLoad.users("smtp", 3);

		suite.infrastructure().smtp().stop();
		try {
			UserLoad.run(users, Duration.ofSeconds(60), Duration.ofMillis(1500));
		}
		finally {
			suite.infrastructure().smtp().restart();
		}

		// Mails held by the outage drain as each partition's back-off (up to 30 s) comes
		// round: on a busy two-core
		// machine that has taken close to three minutes.
		awaitEveryMail(users, Duration.ofMinutes(5));
		Thread.sleep(3_000); // long enough for a duplicate to show up
		for (User user : users) {
			assertThat(user.passwordChanges).as("the load did something").isGreaterThan(3);
			assertThat(user.mails(UserLoad.PASSWORD_MAIL)).as(user + " password mails").isEqualTo(user.passwordChanges);
			assertThat(user.mails(UserLoad.TOKEN_MAIL)).as(user + " token mails").isEqualTo(user.tokensCreated);
		}
		assertEveryEventLoggedOnce(users);
	}

	/**
	 * Invariant: audit-service killed with SIGKILL while it stores a stream of events,
	 * and started again → every event of the stream and of the users' load is in the log
	 * exactly once, and the hash chain holds.
	 */
	@Test
	void auditServiceKilledMidBatchLosesAndDoublesNoEvent() throws Exception {
		List<User> users = UserLoad.users("audit", 3);
		// Events of the stream are auth-service's kind (only its source is believed on
		// its topic), told apart by run.
		String run = UUID.randomUUID().toString();
		int streamed = 24_000;
		ExecutorService background = Executors.newFixedThreadPool(2);
		try (Connection audit = DriverManager.getConnection(suite.infrastructure().jdbcUrl("audit"), "postgres",
				"postgres")) {
			// A steady stream (about 1,500 events/s for 16 s) so that the kill lands
			// inside a batch.
			Future<?> stream = background.submit(() -> {
				stream(run, streamed, 1_500);
				return null;
			});
			Future<?> load = background.submit(() -> {
				UserLoad.run(users, Duration.ofSeconds(40), Duration.ofMillis(500));
				return null;
			});
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (stored(audit, run) < 2_000 && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			long atKill = stored(audit, run);
			suite.process(WardenService.AUDIT).kill();
			long afterKill = stored(audit, run);
			assertThat(afterKill).as("killed in the middle of the stream").isBetween(1L, streamed - 1L);
			suite.relaunch(WardenService.AUDIT, Duration.ofMinutes(2));
			stream.get();
			load.get();

			long until = System.nanoTime() + Duration.ofMinutes(3).toNanos();
			while (stored(audit, run) < streamed && System.nanoTime() < until) {
				Thread.sleep(250);
			}
			Thread.sleep(2_000);
			try (Statement query = audit.createStatement();
					ResultSet counts = query.executeQuery("select count(*), count(distinct data->>'seq') "
							+ "from security_event where data->>'run' = '" + run + "'")) {
				counts.next();
				assertThat(counts.getLong(1)).as("stored events of the stream (killed at %d)", atKill)
					.isEqualTo(streamed);
				assertThat(counts.getLong(2)).as("distinct events of the stream").isEqualTo(streamed);
			}
		}
		finally {
			background.shutdownNow();
		}
		assertEveryEventLoggedOnce(users);
		String admin = SharedSuite
			.sessionCookie(SharedSuite.login(SharedSuite.ADMIN_EMAIL, SharedSuite.ADMIN_PASSWORD, ACTIVE_UA));
		HttpResponse<String> verified = SharedSuite.withCookie("GET",
				suite.url(WardenService.GATEWAY) + "/api/admin/security-log/verify", admin, null);
		assertThat(verified.body()).as("hash chain after the kill%n%s", chainAround(verified.body()))
			.contains("\"valid\":true");
	}

	/**
	 * Invariant: Redis stopped → from the gateway's first failed introspection on, no
	 * cookie passes — neither a session it verified seconds ago nor one it never saw;
	 * every refusal is a 503 problem; all work again once Redis is back.
	 */
	@Test
	void noSessionCookiePassesWhileRedisIsDownAndAllWorkOnceItIsBack() throws Exception {
		String gateway = suite.url(WardenService.GATEWAY);
		List<User> users = UserLoad.users("redis", 3);
		List<String> cookies = new ArrayList<>();
		for (User user : users) {
			// One session the gateway has verified and cached, one it has never seen.
			assertThat(SharedSuite.withCookie("GET", gateway + "/api/me", user.cookie, null).statusCode())
				.isEqualTo(200);
			cookies.add(user.cookie);
			cookies.add(SharedSuite.sessionCookie(SharedSuite.login(user.email, user.password, ACTIVE_UA)));
		}

		record Answer(long sentAt, long answeredAt, int status, String body) {
		}
		ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
		AtomicLong unanswered = new AtomicLong();
		suite.infrastructure().redis().stop();
		try {
			long until = System.nanoTime() + Duration.ofSeconds(8).toNanos();
			AtomicLong turn = new AtomicLong();
			List<CompletableFuture<Void>> clients = new ArrayList<>();
			for (int client = 0; client < 4; client++) {
				clients.add(CompletableFuture.runAsync(() -> {
					while (System.nanoTime() < until) {
						String cookie = cookies.get((int) (turn.getAndIncrement() % cookies.size()));
						long sent = System.nanoTime();
						try {
							HttpResponse<String> answer = SharedSuite.withCookie("GET", gateway + "/api/me", cookie,
									null, Duration.ofSeconds(5));
							answers.add(new Answer(sent, System.nanoTime(), answer.statusCode(), answer.body()));
						}
						catch (java.net.http.HttpTimeoutException ex) {
							// Not a pass either; counted and bounded below.
							unanswered.incrementAndGet();
						}
						catch (Exception ex) {
							throw new IllegalStateException(ex);
						}
					}
				}));
			}
			CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).join();
		}
		finally {
			suite.infrastructure().redis().restart();
		}

		long firstRefusal = answers.stream()
			.filter((answer) -> answer.status() != 200)
			.mapToLong(Answer::answeredAt)
			.min()
			.orElseThrow(() -> new AssertionError("no request was refused while Redis was down"));
		long passedBefore = answers.stream().filter((a) -> a.status() == 200).count();
		List<Answer> passedAfter = answers.stream()
			.filter((answer) -> answer.status() == 200 && answer.sentAt() > firstRefusal)
			.toList();
		System.out.printf(
				"Redis down: %d requests, %d answered from the cache before the first refusal, %d after,"
						+ " %d unanswered after 5 s%n",
				answers.size(), passedBefore - passedAfter.size(), passedAfter.size(), unanswered.get());
		// Thousands of requests on four keep-alive connections: one has been seen to get
		// no answer at all, with no
		// trace of it in the gateway's access log (cause not found yet). Never a pass;
		// more than one fails the test.
		assertThat(unanswered.get()).as("requests left without an answer").isLessThanOrEqualTo(1);
		assertThat(answers.size()).as("requests while Redis was down").isGreaterThan(50);
		assertThat(passedAfter).as("cookies that passed after the gateway saw the store fail").isEmpty();
		assertThat(answers).filteredOn((answer) -> answer.status() != 200).allSatisfy((answer) -> {
			assertThat(answer.status()).isEqualTo(503);
			assertThat(answer.body()).contains("\"code\":\"authentication_unavailable\"");
		});

		// Sessions live in Redis' append-only file: every cookie works again once the
		// breaker lets calls through.
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		List<Integer> statuses = List.of();
		while (System.nanoTime() < deadline) {
			statuses = new ArrayList<>();
			for (String cookie : cookies) {
				statuses.add(SharedSuite.withCookie("GET", gateway + "/api/me", cookie, null).statusCode());
			}
			if (statuses.stream().allMatch((status) -> status == 200)) {
				break;
			}
			Thread.sleep(500);
		}
		assertThat(statuses).as("every session after Redis came back").containsOnly(200);
	}

	/**
	 * Waits until every user has at least the mails their successful actions should have
	 * sent.
	 */
	static void awaitEveryMail(List<User> users, Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		for (User user : users) {
			while (System.nanoTime() < deadline && (user.mails(UserLoad.PASSWORD_MAIL) < user.passwordChanges
					|| user.mails(UserLoad.TOKEN_MAIL) < user.tokensCreated)) {
				Thread.sleep(500);
			}
		}
	}

	/**
	 * Each user's own log holds each successful action exactly once (waiting for the log
	 * to catch up).
	 */
	static void assertEveryEventLoggedOnce(List<User> users) throws Exception {
		Map<String, java.util.function.ToIntFunction<User>> expected = Map.of(EventTypes.PASSWORD_CHANGED,
				(user) -> user.passwordChanges, EventTypes.TOKEN_CREATED, (user) -> user.tokensCreated,
				EventTypes.TOKEN_REVOKED, (user) -> user.tokensRevoked, EventTypes.LOGIN_SUCCEEDED,
				(user) -> user.signIns);
		long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
		for (User user : users) {
			for (var type : expected.entrySet()) {
				int want = type.getValue().applyAsInt(user);
				while (user.inLog(type.getKey()) < want && System.nanoTime() < deadline) {
					Thread.sleep(500);
				}
			}
		}
		Thread.sleep(2_000);
		for (User user : users) {
			for (var type : expected.entrySet()) {
				assertThat(user.inLog(type.getKey())).as(user + ": " + type.getKey() + " in the security log")
					.isEqualTo(type.getValue().applyAsInt(user));
			}
		}
	}

	/**
	 * The rows around the first broken link, to say whether the chain forked or a row's
	 * content changed.
	 */
	private static String chainAround(String verification) {
		java.util.regex.Matcher broken = java.util.regex.Pattern.compile("\"firstBrokenId\":\"([^\"]+)\"")
			.matcher(verification);
		if (!broken.find()) {
			return "";
		}
		StringBuilder rows = new StringBuilder();
		try (Connection audit = DriverManager.getConnection(suite.infrastructure().jdbcUrl("audit"), "postgres",
				"postgres"); var query = audit.prepareStatement("""
						select seq, event_id, type, source, user_id, occurred_at, recorded_at, prev_hash, hash,
						       actor_type, outcome, data::text
						from security_event
						where seq between (select seq from security_event where event_id = ?) - 2
						              and (select seq from security_event where event_id = ?) + 1
						order by seq""")) {
			query.setString(1, broken.group(1));
			query.setString(2, broken.group(1));
			try (ResultSet rs = query.executeQuery()) {
				while (rs.next()) {
					for (int column = 1; column <= 12; column++) {
						rows.append(rs.getString(column)).append(column < 12 ? " | " : System.lineSeparator());
					}
				}
			}
		}
		catch (Exception ex) {
			rows.append(ex);
		}
		return rows.toString();
	}

	private static long stored(Connection audit, String run) throws Exception {
		try (Statement query = audit.createStatement();
				ResultSet count = query
					.executeQuery("select count(*) from security_event where data->>'run' = '" + run + "'")) {
			count.next();
			return count.getLong(1);
		}
	}

	/**
	 * Publishes {@code total} distinct events at about {@code perSecond}, as
	 * auth-service's relay would (signed in as the tests' Kafka principal, which may
	 * write the event topics).
	 */
	private static final tools.jackson.databind.json.JsonMapper STREAM_JSON = tools.jackson.databind.json.JsonMapper
		.builder()
		.build();

	private static void stream(String run, int total, int perSecond) throws Exception {
		Map<String, Object> config = new java.util.HashMap<>(
				suite.infrastructure().kafkaClientProperties(dev.warden.infra.kafka.KafkaPrincipals.TEST.name()));
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
				new StringSerializer())) {
			long start = System.nanoTime();
			for (int i = 0; i < total; i++) {
				String user = "stream-user-" + (i % 200);
				// A failed sign-in as the contract has it, with two fields of the test's
				// own
				// (readers ignore fields they do not know).
				Map<String, Object> data = new java.util.LinkedHashMap<>(
						dev.warden.event.EventData.of(new dev.warden.event.auth.LoginFailed(user + "@example.test",
								"Stream User", null, "198.51.100.7", null, 1, "wrong_password")));
				data.put("run", run);
				data.put("seq", i);
				producer.send(new ProducerRecord<>(Topics.AUTH_EVENTS, user,
						STREAM_JSON.writeValueAsString(dev.warden.event.CloudEvent.of(EventSources.AUTH_SERVICE,
								EventTypes.LOGIN_FAILED, user, data))));
				long due = start + (long) (i + 1) * 1_000_000_000L / perSecond;
				long wait = due - System.nanoTime();
				if (wait > 0 && i % 50 == 49) {
					Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
				}
			}
			producer.flush();
		}
	}

}
