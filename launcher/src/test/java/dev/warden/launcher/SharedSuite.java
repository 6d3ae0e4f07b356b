package dev.warden.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import com.nimbusds.jose.jwk.ECKey;
import dev.warden.infra.FreePorts;
import dev.warden.infra.InfrastructureSettings;
import dev.warden.infra.test.TestJwts;

/**
 * One running suite for every end-to-end test class in this JVM (the HTTP system test and
 * the browser test), started on first use and stopped when the JVM ends: starting six
 * services is the expensive part.
 */
final class SharedSuite {

	static final String ADMIN_EMAIL = "first.admin@example.test";

	static final String ADMIN_PASSWORD = RandomSecrets.generate(24);

	private static LocalSuite suite;

	private static TestJwts gatewayKey;

	private SharedSuite() {
	}

	static synchronized LocalSuite get() {
		if (suite == null) {
			suite = startOnFreePorts();
			Runtime.getRuntime().addShutdownHook(new Thread(suite::close, "suite-stop"));
			warmUp(suite);
		}
		return suite;
	}

	/**
	 * Starts the suite, again on other ports if one picked as free was taken before its
	 * service bound it: the kernel hands out the same ephemeral ports to every process,
	 * the infrastructure's clients included.
	 */
	private static LocalSuite startOnFreePorts() {
		return startOnFreePorts(Map.of());
	}

	/**
	 * Another suite beside the shared one, with settings of its own (a short
	 * recent-sign-in window, say); the caller closes it. Its gateway signs with a key of
	 * its own: {@link #gatewayKey()} stays the shared suite's.
	 */
	static LocalSuite separate(Map<String, String> settings) {
		return separate(settings, Map.of());
	}

	/**
	 * Another suite with settings of its own and {@code replicas} instances of the
	 * services it names; every gateway is warmed up.
	 */
	static LocalSuite separate(Map<String, String> settings, Map<WardenService, Integer> replicas) {
		LocalSuite started = startOnFreePorts(settings, replicas);
		for (ServiceProcess gateway : started.processes(WardenService.GATEWAY)) {
			warmUp(started.url(WardenService.GATEWAY, gateway.instance()));
		}
		return started;
	}

	private static LocalSuite startOnFreePorts(Map<String, String> settings) {
		return startOnFreePorts(settings, Map.of());
	}

	private static LocalSuite startOnFreePorts(Map<String, String> settings, Map<WardenService, Integer> replicas) {
		IllegalStateException failure = null;
		for (int attempt = 1; attempt <= 3; attempt++) {
			try {
				return start(settings, replicas);
			}
			catch (Exception ex) {
				failure = new IllegalStateException("The suite did not start", ex);
				if (!portTaken(ex)) {
					throw failure;
				}
			}
		}
		throw failure;
	}

	private static boolean portTaken(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (String.valueOf(cause.getMessage()).contains("already in use")) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Signs the administrator in until it works once: the first sign-in of a cold suite
	 * (class loading, JIT, the first Argon2 hash, connection pools) can outlast the
	 * gateway's timeout on a busy two-core machine, and that is start-up, not what the
	 * tests are about.
	 */
	private static void warmUp(LocalSuite started) {
		warmUp(started.url(WardenService.GATEWAY));
	}

	private static void warmUp(String gateway) {
		java.net.http.HttpClient http = TestHttp.client();
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		int status = 0;
		while (status != 200 && System.nanoTime() < deadline) {
			try {
				status = http
					.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(gateway + "/api/auth/login"))
						.header("Content-Type", "application/json")
						.POST(java.net.http.HttpRequest.BodyPublishers
							.ofString("{\"email\":\"" + ADMIN_EMAIL + "\",\"password\":\"" + ADMIN_PASSWORD + "\"}"))
						.build(), java.net.http.HttpResponse.BodyHandlers.discarding())
					.statusCode();
			}
			catch (java.io.IOException ex) {
				status = 0;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/**
	 * The key the gateway signs with, for tests that act as the gateway towards a
	 * service.
	 */
	static synchronized TestJwts gatewayKey() {
		get();
		return gatewayKey;
	}

	private static LocalSuite start(Map<String, String> settings, Map<WardenService, Integer> replicas)
			throws Exception {
		Path root = Path.of(System.getProperty("warden.root", "..")).toAbsolutePath().normalize();
		Path logs = Files.createDirectories(root.resolve("launcher/target/suite-logs"));
		Map<WardenService, Integer> ports = new EnumMap<>(WardenService.class);
		for (WardenService service : WardenService.values()) {
			ports.put(service, FreePorts.next());
		}
		// The gateway signs with a configured key, as replicas do; the test holds the
		// same key to act as the
		// gateway when it calls a service directly.
		ECKey key = TestJwts.generateKey();
		if (settings.isEmpty()) {
			gatewayKey = TestJwts.withKey(key);
		}
		// Data on disk (Redis with its append-only file), so a server stopped by a fault
		// test comes back with it.
		Path data = Files.createTempDirectory(Files.createDirectories(root.resolve("launcher/target")), "suite-data-");
		InfrastructureSettings ephemeral = InfrastructureSettings.ephemeral();
		InfrastructureSettings infrastructure = new InfrastructureSettings(ephemeral.components(), 0, 0, 0, 0, data,
				ephemeral.databases(), ephemeral.partitions(), ephemeral.kafkaCredentials());
		Map<String, String> environment = new java.util.HashMap<>(Map.ofEntries(
				Map.entry("WARDEN_BOOTSTRAP_ADMIN_EMAIL", ADMIN_EMAIL),
				Map.entry("WARDEN_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD),
				// The tests sign the administrator in as it is; no forced
				// password change first.
				Map.entry("WARDEN_BOOTSTRAP_ADMIN_PASSWORDCHANGEREQUIRED", "false"),
				Map.entry("WARDEN_IDENTITY_SIGNING_KEY", key.toJSONString()),
				Map.entry("WARDEN_COOKIE_SECURE", "false"),
				Map.entry("WARDEN_TWOFACTOR_KEYS",
						"suite:" + java.util.Base64.getEncoder().encodeToString(new byte[32])),
				// The reset mail's link opens this suite's gateway.
				Map.entry("WARDEN_PASSWORDRESET_PORTALURL", "http://localhost:" + ports.get(WardenService.GATEWAY)),
				Map.entry("WARDEN_PASSWORDRESET_MAILKEYS",
						"suite:" + java.util.Base64.getEncoder().encodeToString(new byte[32])),
				Map.entry("WARDEN_AUDIT_CHAINKEYS",
						"suite:" + java.util.Base64.getEncoder().encodeToString(new byte[32])),
				// A long cache: only the revocation event can make the gateway
				// forget a session in time.
				Map.entry("WARDEN_GATEWAY_AUTH_CACHETTL", "120s"),
				// Every test signs in from 127.0.0.1; the fuzzer sends hundreds
				// of sign-ins and changes.
				Map.entry("WARDEN_GATEWAY_RATELIMIT_LOGIN_BURST", "300"),
				Map.entry("WARDEN_GATEWAY_RATELIMIT_LOGIN_PERSECOND", "20"),
				Map.entry("WARDEN_GATEWAY_RATELIMIT_SENSITIVE_BURST", "1000"),
				Map.entry("WARDEN_GATEWAY_RATELIMIT_SENSITIVE_PERSECOND", "50"),
				// The attack suite spends a whole budget of wrong one-time codes:
				// the doubling wait before each
				// (1 s, 2 s … 64 s by default) shortened; the count and the
				// 15-minute refusal stay as shipped.
				Map.entry("WARDEN_TWOFACTOR_ATTEMPTS_DELAY", "20ms"),
				Map.entry("LOGGING_LEVEL_DEV_WARDEN_GATEWAY_AUTHENTICATION", "DEBUG")));
		environment.putAll(settings);
		SuiteOptions options = new SuiteOptions(root, infrastructure, Map.of(), ports, environment,
				SuiteOptions.DEFAULT_JVM_OPTIONS,
				settings.isEmpty() ? logs : Files.createTempDirectory(logs, "separate-"),
				java.util.EnumSet.allOf(WardenService.class));
		return LocalSuite.start(options, replicas, Duration.ofMinutes(5));
	}

	/**
	 * The value of the session cookie a sign-in answered with (the suite runs with
	 * non-secure cookie names).
	 */
	static String sessionCookie(java.net.http.HttpResponse<String> response) {
		String header = response.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((value) -> value.startsWith("warden_session="))
			.findFirst()
			.orElseThrow(() -> new AssertionError(
					"no session cookie in the answer (" + response.statusCode() + "): " + response.body()));
		return header.substring("warden_session=".length(), header.indexOf(';'));
	}

	private static final java.net.http.HttpClient HTTP = TestHttp.client();

	private static final String CSRF = "suite-csrf-token-0123456789";

	/** Signs in through the gateway as a browser with this user agent would. */
	static java.net.http.HttpResponse<String> login(String email, String password, String userAgent) throws Exception {
		return login(get().url(WardenService.GATEWAY), email, password, userAgent);
	}

	/** Signs in through this gateway. */
	static java.net.http.HttpResponse<String> login(String gateway, String email, String password, String userAgent)
			throws Exception {
		return HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(gateway + "/api/auth/login"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("User-Agent", userAgent)
			.POST(java.net.http.HttpRequest.BodyPublishers
				.ofString("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"))
			.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * As the page would: the session cookie, and for changes the CSRF token echoed in its
	 * header.
	 */
	static java.net.http.HttpResponse<String> withCookie(String method, String url, String secret, String json)
			throws Exception {
		// An answer that never comes fails the test instead of hanging it.
		return withCookie(method, url, secret, json, Duration.ofSeconds(30));
	}

	static java.net.http.HttpResponse<String> withCookie(String method, String url, String secret, String json,
			Duration timeout) throws Exception {
		return HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
			.timeout(timeout)
			.header("Cookie", "warden_session=" + secret + "; XSRF-TOKEN=" + CSRF)
			.header("X-XSRF-TOKEN", CSRF)
			.header("Content-Type", "application/json")
			.method(method,
					json == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
							: java.net.http.HttpRequest.BodyPublishers.ofString(json))
			.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Creates a user (role {@code USER}) as the administrator signed in with
	 * {@code adminSession}, ready to sign in with {@code password}. An administrator sets
	 * only temporary passwords, so the user first signs in with one and chooses
	 * {@code password}, as a new user would, then signs out.
	 */
	static void createUser(String adminSession, String email, String displayName, String password) throws Exception {
		createUser(get().url(WardenService.GATEWAY), adminSession, email, displayName, password);
	}

	/** {@link #createUser(String, String, String, String)} through this gateway. */
	static void createUser(String gateway, String adminSession, String email, String displayName, String password)
			throws Exception {
		String temporary = "temporary " + RandomSecrets.generate(16) + " first";
		java.net.http.HttpResponse<String> created = withCookie("POST", gateway + "/api/admin/users", adminSession,
				"{\"email\":\"" + email + "\",\"displayName\":\"" + displayName + "\",\"roles\":[\"USER\"],"
						+ "\"password\":\"" + temporary + "\"}");
		if (created.statusCode() != 201) {
			throw new AssertionError("user not created (" + created.statusCode() + "): " + created.body());
		}
		String session = sessionCookie(login(gateway, email, temporary, "Mozilla/5.0 (first sign-in)"));
		java.net.http.HttpResponse<String> changed = withCookie("POST", gateway + "/api/security/password", session,
				"{\"currentPassword\":\"" + temporary + "\",\"newPassword\":\"" + password + "\",\"confirmPassword\":\""
						+ password + "\"}");
		if (changed.statusCode() != 204) {
			throw new AssertionError("first password not chosen (" + changed.statusCode() + "): " + changed.body());
		}
		withCookie("POST", gateway + "/api/auth/logout", sessionCookie(changed), null);
	}

	/**
	 * Sets which roles must use two-factor authentication ({@code roles}, a JSON array)
	 * as the administrator signed in with {@code adminSession}, keeping every other rule
	 * of the policy. A test that requires it sets it back to {@code []} when done, so no
	 * other test is held to the set-up.
	 */
	static void requireTwoFactorOf(String adminSession, String roles) throws Exception {
		String url = get().url(WardenService.GATEWAY) + "/api/admin/password-policy";
		String policy = withCookie("GET", url, adminSession, null).body();
		String changed = policy.replaceAll("\"twoFactorRequiredFor\":\\[[^\\]]*\\]",
				"\"twoFactorRequiredFor\":" + roles);
		java.net.http.HttpResponse<String> saved = withCookie("PUT", url, adminSession, changed);
		if (saved.statusCode() != 200 || !changed.contains("\"twoFactorRequiredFor\":" + roles)) {
			throw new AssertionError("the policy was not saved (" + saved.statusCode() + "): " + saved.body());
		}
	}

	/**
	 * The text part of the newest mail the SMTP sink received for {@code email} with this
	 * subject, once there is one.
	 */
	static String awaitMailText(String email, String subject) throws Exception {
		long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
		while (System.nanoTime() < deadline) {
			jakarta.mail.internet.MimeMessage newest = null;
			for (jakarta.mail.internet.MimeMessage message : get().infrastructure().smtp().received()) {
				if (subject.equals(message.getSubject()) && java.util.Arrays.stream(message.getAllRecipients())
					.anyMatch((to) -> to.toString().equals(email))) {
					newest = message;
				}
			}
			if (newest != null) {
				return textOf(newest.getContent());
			}
			Thread.sleep(100);
		}
		throw new AssertionError("no mail \"" + subject + "\" to " + email + " within 30 s");
	}

	private static String textOf(Object content) throws Exception {
		if (content instanceof jakarta.mail.internet.MimeMultipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				jakarta.mail.BodyPart part = multipart.getBodyPart(i);
				String text = part.isMimeType("text/plain") ? part.getContent().toString() : textOf(part.getContent());
				if (!text.isEmpty()) {
					return text;
				}
			}
			return "";
		}
		return content instanceof String text ? text : "";
	}

	/** Mails the SMTP sink received for {@code email} with this subject. */
	static int mailsTo(String email, String subject) throws Exception {
		return mailsTo(get(), email, subject);
	}

	/** Mails this suite's SMTP sink received for {@code email} with this subject. */
	static int mailsTo(LocalSuite suite, String email, String subject) throws Exception {
		int count = 0;
		for (jakarta.mail.internet.MimeMessage message : suite.infrastructure().smtp().received()) {
			if (subject.equals(message.getSubject()) && java.util.Arrays.stream(message.getAllRecipients())
				.anyMatch((to) -> to.toString().equals(email))) {
				count++;
			}
		}
		return count;
	}

}
