package dev.warden.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.warden.event.ApiTokenFormat;
import dev.warden.infra.RedisAcl;
import dev.warden.infra.test.TestJwts;
import dev.warden.serviceidentity.session.SessionSecrets;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An attacker who has taken over one service (say notification-service, which renders
 * mail templates and talks SMTP) and tries to act as another, against the whole suite on
 * its real infrastructure. Each boundary refuses.
 */
class CompromisedServiceIT {

	private static final String ADMIN_SESSION = "{\"userId\":\"attacker-chosen-id\",\"roles\":[\"USER\",\"ADMIN\"],"
			+ "\"authMethods\":[\"pwd\",\"otp\"],\"ip\":\"203.0.113.66\",\"userAgent\":\"curl/8\"}";

	private static LocalSuite suite;

	private final HttpClient http = TestHttp.client();

	@BeforeAll
	static void startSuite() {
		suite = SharedSuite.get();
	}

	@Test
	void aServiceWithoutAServiceKeyCannotCreateASession() throws Exception {
		String sessions = suite.url(WardenService.SESSION) + "/internal/sessions";
		// What notification-service holds is no key at all; one it makes up is no one's.
		String madeUp = TestJwts.serviceCall("notification-service", "session-service");
		String sharedKeyOfOld = "X-Warden-Internal-Key";

		assertThat(post(sessions, null, ADMIN_SESSION).statusCode()).isEqualTo(401);
		assertThat(post(sessions, madeUp, ADMIN_SESSION).statusCode()).isEqualTo(401);
		assertThat(this.http
			.send(HttpRequest.newBuilder(URI.create(sessions))
				.header(sharedKeyOfOld, "anything-at-all-0123456789-abcdefghijkl")
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(ADMIN_SESSION))
				.build(), HttpResponse.BodyHandlers.ofString())
			.statusCode()).isEqualTo(401);
	}

	@Test
	void eachServiceKeyOpensOnlyItsOwnDoor() throws Exception {
		String sessions = suite.url(WardenService.SESSION) + "/internal/sessions";
		String introspect = suite.url(WardenService.TOKEN) + "/internal/tokens/introspect";

		HttpResponse<String> gatewayCreates = post(sessions,
				suite.serviceAuthorization(WardenService.GATEWAY, WardenService.SESSION), ADMIN_SESSION);
		HttpResponse<String> authIntrospectsTokens = post(introspect,
				suite.serviceAuthorization(WardenService.AUTH, WardenService.TOKEN), "{\"token\":\"wdn_x\"}");
		HttpResponse<String> tokenForSessionServiceAtTokenService = post(introspect,
				suite.serviceAuthorization(WardenService.GATEWAY, WardenService.SESSION), "{\"token\":\"wdn_x\"}");

		assertThat(gatewayCreates.statusCode()).isEqualTo(403);
		assertThat(gatewayCreates.body()).contains("\"code\":\"caller_not_allowed\"").doesNotContain("secret");
		assertThat(authIntrospectsTokens.statusCode())
			.as("auth-service's key is known to token-service for counting a user's tokens, never for introspection")
			.isEqualTo(403);
		assertThat(authIntrospectsTokens.body()).contains("\"code\":\"caller_not_allowed\"");
		assertThat(tokenForSessionServiceAtTokenService.statusCode()).as("addressed to another service").isEqualTo(401);
	}

	@Test
	void aUsersTokenMintedForOneServiceIsRefusedByAnother() throws Exception {
		TestJwts gateway = SharedSuite.gatewayKey();
		String securityLog = suite.url(WardenService.AUDIT) + "/api/admin/security-log";

		HttpResponse<String> capturedAtAuth = get(securityLog,
				gateway.forUser("an-administrator").roles("USER", "ADMIN").audience("auth-service").bearer());
		HttpResponse<String> forAudit = get(securityLog,
				gateway.forUser("an-administrator").roles("USER", "ADMIN").audience("audit-service").bearer());

		assertThat(capturedAtAuth.statusCode()).isEqualTo(401);
		assertThat(forAudit.statusCode()).as("the same token for the right service").isEqualTo(200);
	}

	/**
	 * A session-service taken over writes whatever session it likes into its own Redis
	 * keys and answers for it: the gateway still lets no such cookie through, as only
	 * auth-service signs who a session belongs to.
	 */
	@Test
	void aSessionForgedBySessionServiceMakesNoOneAnAdministrator() throws Exception {
		String adminCookie = SharedSuite.sessionCookie(SharedSuite.login(SharedSuite.ADMIN_EMAIL,
				SharedSuite.ADMIN_PASSWORD, "Mozilla/5.0 (X11; Linux x86_64)"));
		String users = suite.url(WardenService.GATEWAY) + "/api/admin/users";
		assertThat(SharedSuite.withCookie("GET", users, adminCookie, null).statusCode()).as("the real administrator")
			.isEqualTo(200);
		try (RedisClient client = RedisClient
			.create(RedisURI.builder(RedisURI.create(suite.infrastructure().redisUrl()))
				.withAuthentication(RedisAcl.SESSION.name(),
						suite.options().infrastructure().redisPasswords().get(RedisAcl.SESSION.name()))
				.build()); StatefulRedisConnection<String, String> redis = client.connect()) {
			String adminGrant = redis.sync().hget("warden:session:s:" + SessionSecrets.hash(adminCookie), "grant");
			assertThat(adminGrant).as("the administrator's session holds auth-service's grant").isNotBlank();

			String withoutGrant = forgeAdminSession(redis.sync(), null);
			String withTheAdministratorsGrant = forgeAdminSession(redis.sync(), adminGrant);

			assertThat(SharedSuite.withCookie("GET", users, withoutGrant, null).statusCode()).isEqualTo(401);
			assertThat(SharedSuite.withCookie("GET", users, withTheAdministratorsGrant, null).statusCode())
				.as("a real grant, but for another cookie")
				.isEqualTo(401);
		}
	}

	/**
	 * A token-service taken over rewrites its own rows: a user's token made an
	 * administrator's, or given the grant of an administrator's token. The gateway
	 * believes only the grant it signed when the token was made.
	 */
	@Test
	void aTokenRewrittenByTokenServiceMakesNoOneAnAdministrator() throws Exception {
		String gateway = suite.url(WardenService.GATEWAY);
		String admin = SharedSuite.sessionCookie(SharedSuite.login(SharedSuite.ADMIN_EMAIL, SharedSuite.ADMIN_PASSWORD,
				"Mozilla/5.0 (X11; Linux x86_64)"));
		String email = "promoted-" + java.util.UUID.randomUUID() + "@example.test";
		String password = "violet harbour " + java.util.UUID.randomUUID();
		SharedSuite.createUser(admin, email, "Pat Example", password);
		String user = SharedSuite.sessionCookie(SharedSuite.login(email, password, "Mozilla/5.0 (X11; Linux x86_64)"));
		String adminId = idOf(SharedSuite.withCookie("GET", gateway + "/api/me", admin, null).body());
		String usersToken = tokenOf(SharedSuite.withCookie("POST", gateway + "/api/security/tokens", user,
				"{\"name\":\"to be promoted\",\"validityMonths\":1,\"role\":\"USER\"}"));
		String adminsToken = tokenOf(
				SharedSuite.withCookie("POST", gateway + "/api/security/tokens", admin, "{\"name\":\"admin script "
						+ java.util.UUID.randomUUID() + "\",\"validityMonths\":1,\"role\":\"ADMIN\"}"));
		String users = gateway + "/api/admin/users";
		assertThat(withToken(users, adminsToken).statusCode()).as("the administrator's own token").isEqualTo(200);

		// As whoever writes the tokens database (token-service's own login may rewrite
		// its rows just so).
		try (java.sql.Connection tokens = java.sql.DriverManager.getConnection(suite.infrastructure().jdbcUrl("tokens"),
				"postgres", "postgres")) {
			String promote = "update api_token set user_id = ?, role = 'ADMIN' where token_hash = ?";
			try (java.sql.PreparedStatement update = tokens.prepareStatement(promote)) {
				update.setString(1, adminId);
				update.setString(2, ApiTokenFormat.hash(usersToken));
				assertThat(update.executeUpdate()).isEqualTo(1);
			}
			assertThat(withToken(users, usersToken).statusCode()).as("made an administrator's").isEqualTo(401);

			String borrow = "update api_token set grant_jws = (select grant_jws from api_token where token_hash = ?)"
					+ " where token_hash = ?";
			try (java.sql.PreparedStatement update = tokens.prepareStatement(borrow)) {
				update.setString(1, ApiTokenFormat.hash(adminsToken));
				update.setString(2, ApiTokenFormat.hash(usersToken));
				assertThat(update.executeUpdate()).isEqualTo(1);
			}
			assertThat(withToken(users, usersToken).statusCode()).as("given the administrator's grant").isEqualTo(401);
		}
	}

	private HttpResponse<String> withToken(String url, String token) throws Exception {
		return get(url, "Bearer " + token);
	}

	private static String idOf(String body) {
		return body.replaceAll(".*\"id\":\"([0-9a-f-]{36})\".*", "$1");
	}

	private static String tokenOf(HttpResponse<String> created) {
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return created.body().replaceAll(".*\"token\":\"(wdn_[0-9A-Za-z]+)\".*", "$1");
	}

	/**
	 * A cookie value of the attacker's and an administrator's session under its hash, as
	 * session-service stores one.
	 */
	private static String forgeAdminSession(RedisCommands<String, String> redis, String grant) {
		String cookie = SessionSecrets.newSecret();
		long now = System.currentTimeMillis();
		Map<String, String> session = new LinkedHashMap<>();
		session.put("pid", SessionSecrets.newSecret().substring(0, 22));
		session.put("uid", "attacker-chosen-id");
		session.put("roles", "USER,ADMIN");
		session.put("amr", "pwd,otp");
		for (String field : List.of("created", "active", "authAt")) {
			session.put(field, Long.toString(now));
		}
		session.put("abs", Long.toString(now + Duration.ofHours(1).toMillis()));
		session.put("ip", "203.0.113.66");
		session.put("ua", "curl/8");
		session.put("browser", "curl");
		session.put("os", "Linux");
		session.put("device", "desktop");
		session.put("pcr", "false");
		session.put("tfr", "false");
		if (grant != null) {
			session.put("grant", grant);
		}
		String key = "warden:session:s:" + SessionSecrets.hash(cookie);
		redis.hset(key, session);
		redis.pexpire(key, Duration.ofMinutes(10).toMillis());
		return cookie;
	}

	private HttpResponse<String> post(String url, String authorization, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(20))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String url, String authorization) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(20))
			.header("Authorization", authorization)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
