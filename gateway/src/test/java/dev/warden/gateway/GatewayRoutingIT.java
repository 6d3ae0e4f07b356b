package dev.warden.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import dev.warden.event.ApiTokenFormat;
import dev.warden.infra.FreePorts;
import dev.warden.serviceidentity.ServiceKey;
import dev.warden.serviceidentity.session.SessionSecrets;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway authenticates every routed request by its session cookie before anything
 * reaches a service, sends each public path to the service that owns it with the
 * gateway's own identity token instead of anything the client asserted, and fails closed.
 * Services are played by a stub of their HTTP contract.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class GatewayRoutingIT {

	static final UpstreamStub upstream = new UpstreamStub();

	static final int deadPort = FreePorts.next();

	static final String COOKIE = "__Host-warden_session";

	@LocalServerPort
	int port;

	@org.springframework.boot.test.web.server.LocalManagementPort
	int managementPort;

	@Autowired
	ReactiveResilience4JCircuitBreakerFactory breakers;

	@Autowired
	dev.warden.gateway.authentication.TokenIntrospector tokenIntrospector;

	// HTTP/1.1: the JDK client's h2c upgrade offer, which the gateway does
	// not speak, could leave a request on a new connection unanswered. And a
	// connection per request ("Connection: close", allowed by
	// jdk.httpclient.allowRestrictedHeaders in the build): a request the client
	// wrote on a pooled connection as the gateway closed it after a refusal waited
	// for its 30 s timeout now and then.
	final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	@org.springframework.beans.factory.annotation.Autowired
	org.springframework.kafka.config.KafkaListenerEndpointRegistry listeners;

	@DynamicPropertySource
	static void upstreams(DynamicPropertyRegistry registry) {
		registry.add("warden.upstream.auth", upstream::url);
		registry.add("warden.upstream.audit", upstream::url);
		registry.add("warden.upstream.token", upstream::url);
		registry.add("warden.upstream.session", upstream::url);
		registry.add("warden.upstream.notification", () -> "http://127.0.0.1:" + deadPort);
		registry.add("warden.service.key", UpstreamStub.GATEWAY_SERVICE_KEY::privateJson);
		registry.add("warden.internal.auth-service-key", UpstreamStub.AUTH_SERVICE_KEY::publicJson);
		registry.add("warden.gateway.rate-limit.login.burst", () -> "3");
		registry.add("warden.gateway.breaker.open-for", () -> "2s");
		registry.add("warden.gateway.rate-limit.sensitive.burst", () -> "2");
		// The tests' own client plays the load balancer; any other loopback address is a
		// client reaching the door.
		registry.add("warden.gateway.trusted-proxies", () -> "127.0.0.1/32");
	}

	@AfterAll
	static void stopUpstream() {
		upstream.close();
	}

	@BeforeEach
	void clear() {
		upstream.received().clear();
	}

	@Test
	void routesEachPublicPathToItsServiceWithTheGatewaysIdentity() throws Exception {
		for (String path : new String[] { "/api/me", "/api/security/password/policy", "/api/security/two-factor",
				"/api/security/sessions", "/api/security/tokens/abc", "/api/security/log?limit=5",
				"/api/admin/security-log/verify", "/api/admin/users" }) {
			assertThat(get(path, UpstreamStub.ADMIN_SECRET).statusCode()).as(path).isEqualTo(200);
		}

		assertThat(upstream.received()).extracting(UpstreamStub.Received::uri)
			.contains("/api/me", "/api/security/log?limit=5", "/api/admin/security-log/verify");
		String claims = claimsOf(upstream.received().get(0));
		assertThat(claims).contains("\"sub\":\"" + UpstreamStub.USER_ID + "\"")
			.contains("\"sid\":\"" + UpstreamStub.SESSION_ID + "\"")
			.contains("\"auth_time\":")
			.contains("\"aud\":\"auth-service\"");
		assertThat(upstream.received()).as("each request carries a token addressed to the service its route goes to")
			.filteredOn((received) -> received.uri().startsWith("/api/security/log"))
			.singleElement()
			.satisfies((received) -> assertThat(claimsOf(received)).contains("\"aud\":\"audit-service\""));
	}

	@Test
	void aUsersSessionsAndTokensUnderAdministrationGoToTheirOwnersAndTheRestToAuthService() throws Exception {
		String user = "/api/admin/users/" + java.util.UUID.randomUUID();
		java.util.Map<String, String> expected = new java.util.LinkedHashMap<>();
		expected.put(user + "/sessions", "session-service");
		expected.put(user + "/tokens", "token-service");
		expected.put(user, "auth-service");
		expected.put("/api/admin/users", "auth-service");
		for (java.util.Map.Entry<String, String> path : expected.entrySet()) {
			upstream.received().clear();
			assertThat(get(path.getKey(), UpstreamStub.ADMIN_SECRET).statusCode()).as(path.getKey()).isEqualTo(200);
			assertThat(claimsOf(upstream.received().get(0))).as(path.getKey())
				.contains("\"aud\":\"" + path.getValue() + "\"");
		}
	}

	@Test
	void administrationNeedsTheAdminRoleAtTheDoor() throws Exception {
		HttpResponse<String> response = get("/api/admin/users", UpstreamStub.ACTIVE_SECRET);

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).contains("\"code\":\"forbidden\"");
		assertThat(upstream.received()).isEmpty();
	}

	@Test
	void signingInNeedsNoSession() throws Exception {
		assertThat(get("/api/auth/login", null).statusCode()).isEqualTo(200);
	}

	@Test
	void refusesRequestsWithoutASessionBeforeTheyReachAService() throws Exception {
		HttpResponse<String> response = get("/api/security/sessions", null);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"code\":\"unauthenticated\"");
		assertThat(upstream.received()).isEmpty();
	}

	@Test
	void refusesAndClearsAnUnknownSessionCookie() throws Exception {
		HttpResponse<String> response = get("/api/security/sessions", "Z".repeat(43));

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().allValues("Set-Cookie"))
			.anySatisfy((cookie) -> assertThat(cookie).startsWith(COOKIE + "=").contains("Max-Age=0"));
		assertThat(upstream.received()).isEmpty();
	}

	@Test
	void refusesWhenTheSessionStoreCannotAnswer() throws Exception {
		HttpResponse<String> response = get("/api/security/sessions", UpstreamStub.BROKEN_SECRET);

		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.body()).contains("\"code\":\"authentication_unavailable\"");
		assertThat(upstream.received()).isEmpty();
	}

	@Test
	void stripsEveryIdentityTheClientAssertsAndSendsItsOwn() throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/me"))
			.header("Connection", "close")
			.header("Cookie", COOKIE + "=" + UpstreamStub.ACTIVE_SECRET + "; other=1")
			.header("Authorization", "Bearer forged")
			.header("X-User-Id", "admin")
			.header("X-Warden-Roles", "ADMIN")
			.header("X-Forwarded-User", "admin")
			.header("X-Warden-Client-Ip", "203.0.113.99")
			.header("X-Forwarded-Host", "evil.example")
			.build();

		assertThat(this.http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

		UpstreamStub.Received received = upstream.received().get(0);
		assertThat(received.headers().get("Authorization")).singleElement()
			.satisfies((value) -> assertThat(value).startsWith("Bearer ey").isNotEqualTo("Bearer forged"));
		assertThat(received.hasHeader("X-User-Id")).isFalse();
		assertThat(received.hasHeader("X-Warden-Roles")).isFalse();
		assertThat(received.hasHeader("X-Forwarded-User")).isFalse();
		assertThat(received.hasHeader("Cookie")).isFalse();
		assertThat(received.hasHeader("X-Warden-Client-Ip")).isFalse();
		assertThat(received.hasHeader("X-Forwarded-Host")).isFalse();
		assertThat(claimsOf(received)).as("the gateway's own view of the client").contains("\"cip\":\"127.0.0.1\"");
	}

	@Test
	void signingInGoesDownstreamWithAnAnonymousTokenThatCarriesTheClientAddress() throws Exception {
		assertThat(get("/api/auth/login", null).statusCode()).isEqualTo(200);

		String claims = claimsOf(upstream.received().get(0));
		assertThat(claims).contains("\"cip\":\"127.0.0.1\"")
			.contains("\"iss\":\"warden-gateway\"")
			.doesNotContain("\"sub\"")
			.doesNotContain("\"roles\"")
			.doesNotContain("\"sid\"");
	}

	@Test
	void aSignInFromABrowserThatStillHoldsALiveSessionReplacesIt() throws Exception {
		get("/api/security/two-factor", UpstreamStub.ACTIVE_SECRET);
		int introspections = upstream.introspections();

		// From an address of its own: the sign-in limit of the tests' usual address is
		// spent by other tests.
		RawResponse signIn = fromPeer("127.0.0.61", "POST", "/api/auth/login",
				Map.of("Cookie", COOKIE + "=" + UpstreamStub.ACTIVE_SECRET + "; XSRF-TOKEN=csrf-token-replacing",
						"X-XSRF-TOKEN", "csrf-token-replacing"));

		assertThat(signIn.statusCode()).isEqualTo(200);
		UpstreamStub.Received received = upstream.received().get(upstream.received().size() - 1);
		assertThat(claimsOf(received)).doesNotContain("\"sub\"")
			.contains("\"prev_sub\":\"" + UpstreamStub.USER_ID + "\"")
			.contains("\"prev_sid\":\"" + UpstreamStub.SESSION_ID + "\"");
		get("/api/security/two-factor", UpstreamStub.ACTIVE_SECRET);
		assertThat(upstream.introspections()).as("the replaced cookie was forgotten before the answer left")
			.isGreaterThan(introspections);
	}

	@Test
	void behindTheTrustedProxyTheClientIsTheRightMostForwardedHopThatIsNoProxy() throws Exception {
		fromPeer("127.0.0.1", "GET", "/api/auth/login", Map.of("X-Forwarded-For", "203.0.113.9, 198.51.100.7"));
		fromPeer("127.0.0.1", "GET", "/api/auth/login", Map.of("X-Forwarded-For", "198.51.100.8, 127.0.0.1"));
		fromPeer("127.0.0.1", "GET", "/api/auth/login",
				Map.of("Forwarded", "for=203.0.113.9;proto=https, for=\"[2001:db8::17]:4711\""));

		assertThat(upstream.received()).hasSize(3);
		assertThat(claimsOf(upstream.received().get(0))).contains("\"cip\":\"198.51.100.7\"");
		assertThat(claimsOf(upstream.received().get(1))).contains("\"cip\":\"198.51.100.8\"");
		assertThat(claimsOf(upstream.received().get(2))).contains("\"cip\":\"2001:db8::17\"");
		assertThat(upstream.received()).noneSatisfy(
				(received) -> assertThat(received.hasHeader("X-Forwarded-For") || received.hasHeader("Forwarded"))
					.isTrue());
	}

	@Test
	void aPeerThatIsNoTrustedProxyCannotNameAnotherAddress() throws Exception {
		RawResponse response = fromPeer("127.0.0.2", "GET", "/api/auth/login",
				Map.of("X-Forwarded-For", "198.51.100.50", "Forwarded", "for=198.51.100.50"));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(claimsOf(upstream.received().get(0))).contains("\"cip\":\"127.0.0.2\"")
			.doesNotContain("198.51.100.50");
	}

	@Test
	void signInLimitsCountEachClientBehindTheProxyOnItsOwn() throws Exception {
		List<Integer> first = new java.util.ArrayList<>();
		for (int i = 0; i < 5; i++) {
			first.add(fromPeer("127.0.0.1", "POST", "/api/auth/login", Map.of("X-Forwarded-For", "198.51.100.21"))
				.statusCode());
		}
		int second = fromPeer("127.0.0.1", "POST", "/api/auth/login", Map.of("X-Forwarded-For", "198.51.100.22"))
			.statusCode();
		int spoofing = fromPeer("127.0.0.3", "POST", "/api/auth/login", Map.of("X-Forwarded-For", "198.51.100.23"))
			.statusCode();
		List<Integer> rotating = new java.util.ArrayList<>();
		for (int i = 0; i < 5; i++) {
			rotating.add(fromPeer("127.0.0.3", "POST", "/api/auth/login",
					Map.of("X-Forwarded-For", "198.51.100." + (100 + i)))
				.statusCode());
		}

		assertThat(first).as("one client behind the proxy runs out").contains(429);
		assertThat(second).as("another client behind the same proxy has a bucket of its own").isEqualTo(200);
		assertThat(spoofing).isEqualTo(200);
		assertThat(rotating).as("an untrusted peer cannot rotate buckets with made-up forwarding").contains(429);
	}

	@Test
	void sessionThatMustChangeItsPasswordReachesOnlyThePasswordChange() throws Exception {
		HttpResponse<String> tokens = get("/api/security/tokens", UpstreamStub.PASSWORD_CHANGE_SECRET);
		HttpResponse<String> me = get("/api/me", UpstreamStub.PASSWORD_CHANGE_SECRET);
		HttpResponse<String> policy = get("/api/security/password/policy", UpstreamStub.PASSWORD_CHANGE_SECRET);

		assertThat(tokens.statusCode()).isEqualTo(403);
		assertThat(tokens.body()).contains("\"code\":\"password_change_required\"");
		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(policy.statusCode()).isEqualTo(200);
	}

	@Test
	void sessionThatMustSetUpTwoFactorReachesOnlyTheSetUp() throws Exception {
		String held = UpstreamStub.TWO_FACTOR_SETUP_SECRET;
		for (String path : List.of("/api/me", "/api/security/password/policy", "/api/security/two-factor")) {
			assertThat(get(path, held).statusCode()).as(path).isEqualTo(200);
		}
		for (String path : List.of("/api/security/two-factor/setup", "/api/security/two-factor/confirm",
				"/api/auth/reauthenticate")) {
			assertThat(asSession(held, "POST", path, Map.of()).statusCode()).as(path).isEqualTo(200);
		}
		for (String path : List.of("/api/security/tokens", "/api/security/sessions", "/api/security/log",
				"/api/admin/users")) {
			HttpResponse<String> refused = get(path, held);
			assertThat(refused.statusCode()).as(path).isEqualTo(403);
			assertThat(refused.body()).as(path).contains("\"code\":\"two_factor_setup_required\"");
		}
		HttpResponse<String> passwordChange = asSession(held, "POST", "/api/security/password", Map.of());
		assertThat(passwordChange.body()).contains("\"code\":\"two_factor_setup_required\"");
		assertThat(asSession(held, "POST", "/api/auth/logout", Map.of()).statusCode()).isEqualTo(200);
	}

	@Test
	void sessionThatMustAlsoChangeItsPasswordChangesItFirst() throws Exception {
		HttpResponse<String> setup = asSession(UpstreamStub.BOTH_FLAGS_SECRET, "POST", "/api/security/two-factor/setup",
				Map.of());
		HttpResponse<String> change = asSession(UpstreamStub.BOTH_FLAGS_SECRET, "POST", "/api/security/password",
				Map.of());

		assertThat(setup.statusCode()).isEqualTo(403);
		assertThat(setup.body()).contains("\"code\":\"password_change_required\"");
		assertThat(change.statusCode()).isEqualTo(200);
	}

	@Test
	void turningTwoFactorOnRefusesTheOldCookieOnItsVeryNextRequest() throws Exception {
		String mine = upstream.newSession("user-turns-on-two-factor", "twoFactorSession000001");
		get("/api/me", mine);

		HttpResponse<String> confirmed = asSession(mine, "POST", "/api/security/two-factor/confirm", Map.of());

		assertThat(confirmed.statusCode()).isEqualTo(200);
		assertThat(get("/api/me", mine).statusCode()).as("renewed: the old cookie is over").isEqualTo(401);
	}

	@Test
	void onceTheSessionStoreFailsNoCachedSessionIsTrustedUntilItAnswersAgain() throws Exception {
		assertThat(get("/api/me", UpstreamStub.ACTIVE_SECRET).statusCode()).isEqualTo(200);
		int cached = upstream.introspections();
		assertThat(get("/api/me", UpstreamStub.ACTIVE_SECRET).statusCode()).isEqualTo(200);
		assertThat(upstream.introspections()).as("answered from the cache").isEqualTo(cached);

		assertThat(get("/api/me", UpstreamStub.BROKEN_SECRET).statusCode()).isEqualTo(503);
		int afterFailure = upstream.introspections();
		assertThat(get("/api/me", UpstreamStub.ACTIVE_SECRET).statusCode()).isEqualTo(200);

		assertThat(upstream.introspections()).as("the cached session was verified again, not trusted")
			.isEqualTo(afterFailure + 1);
		assertThat(get("/api/me", UpstreamStub.ACTIVE_SECRET).statusCode()).isEqualTo(200);
		assertThat(upstream.introspections()).as("and cached again once the store answered")
			.isEqualTo(afterFailure + 1);
	}

	@Test
	void aSessionServiceAnswerWithoutAGrantIsRefusedLoggedAndNotCached(CapturedOutput output) throws Exception {
		String cookie = SessionSecrets.newSecret();
		upstream.answer(cookie, UpstreamStub.liveAnswer("user-without-grant", "noGrantSession00000001",
				List.of("USER", "ADMIN"), null));

		HttpResponse<String> response = get("/api/admin/users", cookie);
		int introspections = upstream.introspections();
		HttpResponse<String> again = get("/api/admin/users", cookie);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).contains("\"code\":\"unauthenticated\"");
		assertThat(response.headers().allValues("Set-Cookie"))
			.anySatisfy((set) -> assertThat(set).startsWith(COOKIE + "=").contains("Max-Age=0"));
		assertThat(again.statusCode()).isEqualTo(401);
		assertThat(upstream.introspections()).as("asked again: a refused answer is not cached")
			.isEqualTo(introspections + 1);
		assertThat(upstream.received()).isEmpty();
		assertThat(output.getOut())
			.contains("session-service answered a session without a valid grant, refused: no grant")
			.doesNotContain(cookie);
	}

	@Test
	void aGrantSignedWithAnotherKeyIsRefused() throws Exception {
		String cookie = SessionSecrets.newSecret();
		String forged = UpstreamStub.signed(ServiceKey.generate(), UpstreamStub.grantFor(cookie, "user-forged",
				"forgedSession000000001", List.of("USER", "ADMIN"), UpstreamStub.SESSION_END));
		upstream.answer(cookie,
				UpstreamStub.liveAnswer("user-forged", "forgedSession000000001", List.of("USER", "ADMIN"), forged));

		HttpResponse<String> response = get("/api/admin/users", cookie);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).contains("\"code\":\"unauthenticated\"");
		assertThat(upstream.received()).isEmpty();
	}

	@Test
	void anotherCookiesGrantIsRefused() throws Exception {
		String cookie = SessionSecrets.newSecret();
		String administrators = UpstreamStub.signed(UpstreamStub.AUTH_SERVICE_KEY,
				UpstreamStub.grantFor(UpstreamStub.ADMIN_SECRET, UpstreamStub.USER_ID, UpstreamStub.SESSION_ID,
						List.of("USER", "ADMIN"), UpstreamStub.SESSION_END));
		upstream.answer(cookie, UpstreamStub.liveAnswer(UpstreamStub.USER_ID, UpstreamStub.SESSION_ID,
				List.of("USER", "ADMIN"), administrators));

		HttpResponse<String> response = get("/api/admin/users", cookie);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).contains("\"code\":\"unauthenticated\"");
		assertThat(upstream.received()).isEmpty();
	}

	@Test
	void theIdentityForwardedToServicesIsTheGrantsNotWhatSessionServiceSaysBesideIt() throws Exception {
		String cookie = SessionSecrets.newSecret();
		String grant = UpstreamStub.signed(UpstreamStub.AUTH_SERVICE_KEY, UpstreamStub.grantFor(cookie, "user-granted",
				"grantedSession00000001", List.of("USER"), UpstreamStub.SESSION_END));
		upstream.answer(cookie,
				UpstreamStub.liveAnswer("user-claimed", "claimedSession00000001", List.of("USER", "ADMIN"), grant));

		HttpResponse<String> admin = get("/api/admin/users", cookie);
		HttpResponse<String> me = get("/api/me", cookie);

		assertThat(admin.statusCode()).isEqualTo(403);
		assertThat(admin.body()).contains("\"code\":\"forbidden\"");
		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(upstream.received()).singleElement()
			.satisfies((received) -> assertThat(claimsOf(received)).contains("\"sub\":\"user-granted\"")
				.contains("\"sid\":\"grantedSession00000001\"")
				.contains("\"roles\":[\"USER\"]")
				.doesNotContain("user-claimed")
				.doesNotContain("claimedSession")
				.doesNotContain("ADMIN"));
	}

	@Test
	void aSessionIsAskedAboutByItsCookiesHashNeverByTheCookie() throws Exception {
		String cookie = upstream.newSession("user-asked-by-hash", "hashedSession000000001");
		upstream.sessionIntrospections().clear();

		HttpResponse<String> response = get("/api/me", cookie);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(upstream.sessionIntrospections()).singleElement()
			.satisfies((body) -> assertThat(body).isEqualTo("{\"secretHash\":\"" + SessionSecrets.hash(cookie) + "\"}")
				.doesNotContain(cookie));
	}

	@Test
	void aGrantWhoseSessionHasEndedIsRefused() throws Exception {
		String cookie = SessionSecrets.newSecret();
		String ended = UpstreamStub.signed(UpstreamStub.AUTH_SERVICE_KEY, UpstreamStub.grantFor(cookie, "user-ended",
				"endedSession0000000001", List.of("USER", "ADMIN"), Instant.now().minus(Duration.ofMinutes(1))));
		upstream.answer(cookie,
				UpstreamStub.liveAnswer("user-ended", "endedSession0000000001", List.of("USER", "ADMIN"), ended));

		HttpResponse<String> response = get("/api/admin/users", cookie);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).contains("\"code\":\"unauthenticated\"");
		assertThat(upstream.received()).isEmpty();
	}

	@Test
	void aCachedSessionIsAskedAboutAgainOnceItsGrantHasEnded() throws Exception {
		String cookie = SessionSecrets.newSecret();
		// Well within the cache's five seconds: only the grant's end can make the gateway
		// ask again.
		Instant end = Instant.now().plusSeconds(2).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		String grant = UpstreamStub.signed(UpstreamStub.AUTH_SERVICE_KEY,
				UpstreamStub.grantFor(cookie, "user-ending", "endingSession000000001", List.of("USER"), end));
		upstream.answer(cookie,
				UpstreamStub.liveAnswer("user-ending", "endingSession000000001", List.of("USER"), grant));
		assertThat(get("/api/me", cookie).statusCode()).isEqualTo(200);
		int introspections = upstream.introspections();

		await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(end));
		get("/api/me", cookie);

		assertThat(upstream.introspections()).as("asked again, not answered from the cache")
			.isEqualTo(introspections + 1);
	}

	@Test
	void reusesALiveIntrospectionForAFewSeconds() throws Exception {
		get("/api/me", UpstreamStub.ACTIVE_SECRET);
		int before = upstream.introspections();

		for (int i = 0; i < 5; i++) {
			get("/api/me", UpstreamStub.ACTIVE_SECRET);
		}

		assertThat(upstream.introspections()).isEqualTo(before);
	}

	@Test
	void deadServiceAnswersServiceUnavailableProblem() throws Exception {
		HttpResponse<String> response = get("/api/admin/notifications/templates", UpstreamStub.ADMIN_SECRET);

		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"code\":\"service_unavailable\"")
			.contains("\"service\":\"notification-service\"")
			.doesNotContain("Exception");
	}

	@Test
	void breakerOpensOnADeadServiceAndClosesWhenItIsBack() throws Exception {
		var breaker = this.breakers.getCircuitBreakerRegistry().circuitBreaker("notification-service");
		for (int i = 0; i < 8; i++) {
			assertThat(get("/api/admin/notifications/templates", UpstreamStub.ADMIN_SECRET).statusCode())
				.isEqualTo(503);
		}
		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);

		HttpServer revived = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), deadPort), 0);
		revived.createContext("/", (exchange) -> {
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		revived.start();
		try {
			await().atMost(Duration.ofSeconds(20))
				.pollInterval(Duration.ofMillis(300))
				.until(() -> get("/api/admin/notifications/templates", UpstreamStub.ADMIN_SECRET).statusCode() == 200
						&& breaker.getState() == CircuitBreaker.State.CLOSED);
		}
		finally {
			revived.stop(0);
		}
	}

	@Test
	void unknownPathIsNotFoundProblem() throws Exception {
		HttpResponse<String> response = get("/api/nowhere", null);

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"code\":\"not_found\"");
	}

	@Test
	void publishesOnlyThePublicSigningKey() throws Exception {
		HttpResponse<String> response = get("/.well-known/jwks.json", null);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"kty\":\"EC\"").contains("\"crv\":\"P-256\"").doesNotContain("\"d\"");
	}

	@Test
	void healthMetricsAndInfoAnswerOnlyOnTheManagementPort() throws Exception {
		for (String path : List.of("/actuator/health", "/actuator/health/readiness", "/actuator/prometheus",
				"/actuator/info", "/actuator", "//actuator/prometheus", "/actuator/env")) {
			HttpResponse<String> refused = get(path, null);
			assertThat(refused.statusCode()).as(path).isEqualTo(404);
			assertThat(refused.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
			assertThat(refused.body()).as(path).contains("\"code\":\"not_found\"").doesNotContain("UP");
		}
		assertThat(this.managementPort).isNotEqualTo(this.port);
		HttpResponse<String> health = management("/actuator/health");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"components\"");
		assertThat(management("/actuator/health/readiness").statusCode()).isEqualTo(200);
		HttpResponse<String> metrics = management("/actuator/prometheus");
		assertThat(metrics.statusCode()).isEqualTo(200);
		assertThat(metrics.body()).contains("jvm_memory_used_bytes");
	}

	/** As Prometheus and orchestrators ask: HTTP/1.1, and never an endless wait. */
	private HttpResponse<String> management(String path) throws Exception {
		return MANAGEMENT_HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.managementPort + path))
			.header("Connection", "close")
			.timeout(Duration.ofSeconds(20))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static final HttpClient MANAGEMENT_HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.build();

	@Test
	void cookieAuthenticatedChangesNeedTheCsrfToken() throws Exception {
		String token = "csrf-token-value-0123456789";
		String cookies = COOKIE + "=" + UpstreamStub.ACTIVE_SECRET + "; XSRF-TOKEN=" + token;

		HttpResponse<String> without = send("POST", "/api/security/sessions/end-others", cookies, Map.of());
		HttpResponse<String> wrong = send("POST", "/api/security/sessions/end-others", cookies,
				Map.of("X-XSRF-TOKEN", "something-else"));
		HttpResponse<String> right = send("POST", "/api/security/sessions/end-others", cookies,
				Map.of("X-XSRF-TOKEN", token));

		assertThat(without.statusCode()).isEqualTo(403);
		assertThat(without.body()).contains("\"code\":\"csrf_token_invalid\"");
		assertThat(wrong.statusCode()).isEqualTo(403);
		assertThat(right.statusCode()).isEqualTo(200);
	}

	@Test
	void theReplicaThatCarriesASignOutForgetsTheCookieAtOnce() throws Exception {
		String token = "csrf-token-value-0123456789";
		String cookies = COOKIE + "=" + UpstreamStub.ACTIVE_SECRET + "; XSRF-TOKEN=" + token;
		get("/api/me", UpstreamStub.ACTIVE_SECRET);
		int cached = upstream.introspections();
		get("/api/me", UpstreamStub.ACTIVE_SECRET);
		assertThat(upstream.introspections()).as("the second request is answered from the cache").isEqualTo(cached);

		HttpResponse<String> logout = send("POST", "/api/auth/logout", cookies, Map.of("X-XSRF-TOKEN", token));
		get("/api/me", UpstreamStub.ACTIVE_SECRET);

		assertThat(logout.statusCode()).isEqualTo(200);
		assertThat(upstream.introspections()).as("asked session-service again after the sign-out")
			.isEqualTo(cached + 1);
	}

	@Test
	void theReplicaThatCarriesAnEndedSessionForgetsItAtOnce() throws Exception {
		String token = "csrf-token-value-0123456789";
		String cookies = COOKIE + "=" + UpstreamStub.ADMIN_SECRET + "; XSRF-TOKEN=" + token;
		get("/api/me", UpstreamStub.ACTIVE_SECRET);
		get("/api/me", UpstreamStub.ADMIN_SECRET);

		HttpResponse<String> ended = send("DELETE", "/api/security/sessions/" + UpstreamStub.SESSION_ID, cookies,
				Map.of("X-XSRF-TOKEN", token));
		int before = upstream.introspections();
		get("/api/me", UpstreamStub.ACTIVE_SECRET);

		assertThat(ended.statusCode()).isEqualTo(200);
		assertThat(upstream.introspections()).as("the ended session was verified again, not taken from the cache")
			.isEqualTo(before + 1);
	}

	@Test
	void aRevokedApiTokenIsRefusedOnItsVeryNextRequest() throws Exception {
		String tokenId = "6f1c1d2e-0000-4000-8000-000000000101";
		String token = upstream.newToken("user-revokes-token", tokenId);
		String session = upstream.newSession("user-revokes-token", "revokerSession00000001");
		assertThat(withToken("GET", "/api/me", token).statusCode()).as("live, and now cached").isEqualTo(200);

		HttpResponse<String> revoke = asSession(session, "DELETE", "/api/security/tokens/" + tokenId, Map.of());
		HttpResponse<String> next = withToken("GET", "/api/me", token);

		assertThat(revoke.statusCode()).isEqualTo(200);
		assertThat(next.statusCode()).isEqualTo(401);
		assertThat(next.body()).contains("\"code\":\"token_revoked\"");
	}

	@Test
	void endingOtherSessionsRefusesThemOnTheirVeryNextRequestButKeepsTheCallers() throws Exception {
		String mine = upstream.newSession("user-ends-others", "endOthersSession000001");
		String other = upstream.newSession("user-ends-others", "endOthersSession000002");
		assertThat(get("/api/me", other).statusCode()).isEqualTo(200);
		assertThat(get("/api/me", mine).statusCode()).isEqualTo(200);

		HttpResponse<String> ended = asSession(mine, "POST", "/api/security/sessions/end-others", Map.of());
		int introspections = upstream.introspections();
		HttpResponse<String> otherNext = get("/api/me", other);
		HttpResponse<String> mineNext = get("/api/me", mine);

		assertThat(ended.statusCode()).isEqualTo(200);
		assertThat(otherNext.statusCode()).isEqualTo(401);
		assertThat(mineNext.statusCode()).isEqualTo(200);
		assertThat(upstream.introspections()).as("only the ended session was asked about again")
			.isEqualTo(introspections + 1);
	}

	@Test
	void aPasswordChangeRefusesTheOtherSessionsAndTheCallersOldCookieOnTheirVeryNextRequest() throws Exception {
		String mine = upstream.newSession("user-changes-password", "passwordSession0000001");
		String other = upstream.newSession("user-changes-password", "passwordSession0000002");
		get("/api/me", other);
		get("/api/me", mine);

		HttpResponse<String> changed = asSession(mine, "POST", "/api/security/password", Map.of());

		assertThat(changed.statusCode()).isEqualTo(200);
		assertThat(get("/api/me", other).statusCode()).isEqualTo(401);
		assertThat(get("/api/me", mine).statusCode()).as("renewed: the old cookie is over").isEqualTo(401);
	}

	@Test
	void reauthenticatingRefusesTheOldCookieOnItsVeryNextRequest() throws Exception {
		String mine = upstream.newSession("user-reauthenticates", "reauthSession000000001");
		get("/api/me", mine);

		HttpResponse<String> renewed = asSession(mine, "POST", "/api/auth/reauthenticate", Map.of());

		assertThat(renewed.statusCode()).isEqualTo(200);
		assertThat(get("/api/me", mine).statusCode()).isEqualTo(401);
	}

	@Test
	void aSignOutOrAnEndedSessionIsRefusedOnItsVeryNextRequest() throws Exception {
		String signingOut = upstream.newSession("user-signs-out", "signOutSession00000001");
		String ending = upstream.newSession("user-signs-out", "signOutSession00000002");
		String ender = upstream.newSession("user-signs-out", "signOutSession00000003");
		get("/api/me", signingOut);
		get("/api/me", ending);

		HttpResponse<String> signedOut = asSession(signingOut, "POST", "/api/auth/logout", Map.of());
		HttpResponse<String> afterSignOut = get("/api/me", signingOut);
		HttpResponse<String> ended = asSession(ender, "DELETE", "/api/security/sessions/signOutSession00000002",
				Map.of());
		HttpResponse<String> afterEnd = get("/api/me", ending);

		assertThat(signedOut.statusCode()).isEqualTo(200);
		assertThat(afterSignOut.statusCode()).isEqualTo(401);
		assertThat(ended.statusCode()).isEqualTo(200);
		assertThat(afterEnd.statusCode()).isEqualTo(401);
	}

	@Test
	void aRevocationThatFailedForgetsNothing() throws Exception {
		String mine = upstream.newSession("user-fails-to-end", "failedEndSession000001");
		String other = upstream.newSession("user-fails-to-end", "failedEndSession000002");
		get("/api/me", other);

		HttpResponse<String> refused = asSession(mine, "POST", "/api/security/sessions/end-others",
				Map.of("X-Stub-Status", "403"));
		int introspections = upstream.introspections();

		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(get("/api/me", other).statusCode()).isEqualTo(200);
		assertThat(upstream.introspections()).as("still answered from the cache").isEqualTo(introspections);
	}

	@Test
	void aTokenAnswerThatRacedItsRevocationIsUsedOnceButNeverCached() throws Exception {
		String tokenId = "6f1c1d2e-0000-4000-8000-000000000102";
		String token = upstream.newToken("user-races", tokenId);
		UpstreamStub.Hold hold = upstream.hold(token);

		java.util.concurrent.CompletableFuture<HttpResponse<String>> first = this.http
			.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/me"))
				.header("Connection", "close")
				.header("Authorization", "Bearer " + token)
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(hold.arrived().await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
		// token-service has said "active"; before that answer reaches the gateway, the
		// token is revoked.
		upstream.revoke(token);
		this.tokenIntrospector.evictToken(tokenId);
		hold.release().countDown();

		assertThat(first.get(10, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(200);
		HttpResponse<String> next = withToken("GET", "/api/me", token);
		assertThat(next.statusCode()).as("asked again, not taken from the cache").isEqualTo(401);
	}

	@Test
	void requestsNoServiceShouldParseAreRefusedWithProblems() throws Exception {
		HttpResponse<String> longUri = get("/api/security/tokens/" + "x".repeat(5_000), UpstreamStub.ACTIVE_SECRET);
		HttpResponse<String> nul = get("/api/security/tokens/%00", UpstreamStub.ACTIVE_SECRET);
		HttpResponse<String> wildcard = send("POST", "/api/auth/login", null, Map.of("Content-Type", "*/*"));
		HttpResponse<String> garbage = send("POST", "/api/auth/login", null, Map.of("Content-Type", "json please"));

		assertThat(longUri.statusCode()).isEqualTo(414);
		assertThat(longUri.body()).contains("\"code\":\"uri_too_long\"");
		assertThat(nul.statusCode()).isEqualTo(400);
		assertThat(nul.body()).contains("\"code\":\"malformed_request\"");
		assertThat(wildcard.statusCode()).isEqualTo(415);
		assertThat(garbage.statusCode()).isEqualTo(415);
		assertThat(garbage.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(upstream.received()).isEmpty();
	}

	@Test
	void pathsThatCouldMeanAnotherResourceAreRefusedWithAProblemBeforeAnyService() throws Exception {
		for (String path : List.of("/api/security/sessions/..%5c..%5cx", "/api/security/sessions/..%5C..%5Cx",
				"/api/security/sessions/a%2F..%2Fb", "/api/security/sessions/%2e%2e/x", "/api/security/sessions/.%2E/x",
				"/api/security/tokens/%252e%252e/x", "/api/security/sessions/..;/x", "/api/me/./x")) {
			HttpResponse<String> response = get(path, UpstreamStub.ACTIVE_SECRET);

			assertThat(response.statusCode()).as(path).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
			assertThat(response.body()).as(path).contains("\"code\":\"malformed_request\"");
		}
		// Sent raw: an HTTP client could tidy these up before sending.
		RawResponse dots = fromPeer("127.0.0.1", "GET", "/api/security/sessions/../../admin/users", Map.of());
		RawResponse backslash = fromPeer("127.0.0.1", "GET", "/api/security/sessions/..\\x", Map.of());

		assertThat(dots.statusCode()).isEqualTo(400);
		assertThat(dots.body()).contains("\"code\":\"malformed_request\"");
		assertThat(backslash.statusCode()).isEqualTo(400);
		assertThat(upstream.received()).isEmpty();
	}

	@Test
	void aRequestRefusedBeforeItsBodyWasReadClosesItsConnection() throws Exception {
		// A keep-alive client: the answer is read to its end only because the gateway
		// closes the connection.
		RawResponse refused = fromPeer("127.0.0.62", "POST", "/api/security/sessions/end-others",
				Map.of("Cookie", COOKIE + "=" + UpstreamStub.ACTIVE_SECRET, "Connection", "keep-alive"));

		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.head().toLowerCase(java.util.Locale.ROOT)).contains("connection: close");
	}

	@Test
	void anApiTokenMayReadAdministrationButChangeNeitherItNorTheUsersOwnSettings() throws Exception {
		String admin = upstream.newToken("user-admin-token", "6f1c1d2e-0000-4000-8000-000000000103", "ADMIN");

		HttpResponse<String> locale = withToken("PUT", "/api/me/locale", UpstreamStub.ACTIVE_TOKEN);
		HttpResponse<String> read = withToken("GET", "/api/admin/users", admin);
		HttpResponse<String> create = withToken("POST", "/api/admin/users", admin);
		HttpResponse<String> unlock = withToken("POST", "/api/admin/users/" + UpstreamStub.USER_ID + "/unlock", admin);
		HttpResponse<String> policy = withToken("PUT", "/api/admin/password-policy", admin);

		assertThat(locale.statusCode()).isEqualTo(403);
		assertThat(locale.body()).contains("\"code\":\"session_required\"");
		assertThat(read.statusCode()).isEqualTo(200);
		for (HttpResponse<String> change : List.of(create, unlock, policy)) {
			assertThat(change.statusCode()).isEqualTo(403);
			assertThat(change.body()).contains("\"code\":\"session_required\"");
		}
		assertThat(upstream.received()).extracting(UpstreamStub.Received::method).containsExactly("GET");
	}

	@Test
	void refusesChangesFromAForeignOrigin() throws Exception {
		HttpResponse<String> response = send("POST", "/api/auth/login", null,
				Map.of("Origin", "https://evil.example", "Content-Type", "application/json"));

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).contains("\"code\":\"origin_not_allowed\"");
		assertThat(upstream.received()).isEmpty();
	}

	@Test
	void handsOutACsrfTokenTheSpaCanRead() throws Exception {
		HttpResponse<String> response = get("/api/me", UpstreamStub.ACTIVE_SECRET);

		assertThat(response.headers().allValues("Set-Cookie"))
			.anySatisfy((cookie) -> assertThat(cookie).startsWith("XSRF-TOKEN=").doesNotContain("HttpOnly"));
	}

	@Test
	void sendsSecurityHeadersOnEveryAnswer() throws Exception {
		HttpResponse<String> response = get("/api/me", UpstreamStub.ACTIVE_SECRET);

		assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
		assertThat(response.headers().firstValue("Content-Security-Policy").orElseThrow())
			.contains("frame-ancestors 'none'")
			.doesNotContain("unsafe-inline");
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
		assertThat(response.headers().firstValue("Strict-Transport-Security")).isPresent();
	}

	@Test
	void refusesBodiesOverTheLimitBeforeAnyServiceSeesThem() throws Exception {
		// The declared length is refused before the body is read: the client sends only
		// the head, so the answer
		// cannot race a body the gateway will never read (a client still writing it may
		// see the connection close).
		try (java.net.Socket socket = new java.net.Socket("localhost", this.port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream()
				.write(("POST /api/auth/login HTTP/1.1\r\nHost: localhost:" + this.port
						+ "\r\nContent-Type: application/json\r\nContent-Length: 200020\r\n\r\n")
					.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
			socket.getOutputStream().flush();
			String answer = new String(socket.getInputStream().readNBytes(4096),
					java.nio.charset.StandardCharsets.UTF_8);

			assertThat(answer).startsWith("HTTP/1.1 413");
			assertThat(answer).contains("\"code\":\"payload_too_large\"");
		}
		assertThat(upstream.received()).isEmpty();
	}

	@Test
	void logsEachRequestWithItsUserButNeverItsCookie(CapturedOutput output) throws Exception {
		get("/api/security/two-factor", UpstreamStub.ACTIVE_SECRET);

		// The line is written when the exchange completes, which may be just after the
		// client has its answer.
		await().atMost(Duration.ofSeconds(5)).until(() -> output.getOut().contains("GET /api/security/two-factor 200"));
		assertThat(output.getOut()).contains("GET /api/security/two-factor 200")
			.contains("user=" + UpstreamStub.USER_ID)
			.doesNotContain(UpstreamStub.ACTIVE_SECRET);
	}

	@Test
	void requestsTheGatewayRefusesItselfAreLoggedWithTheReason(CapturedOutput output) throws Exception {
		String cookies = COOKIE + "=" + UpstreamStub.ACTIVE_SECRET + "; XSRF-TOKEN=csrf-token-value-logged";
		send("POST", "/api/security/sessions/end-others", cookies, Map.of());

		await().atMost(Duration.ofSeconds(5)).until(() -> output.getOut().contains("refused=csrf_token_invalid"));
		assertThat(output.getOut()).contains("POST /api/security/sessions/end-others 403")
			.contains("refused=csrf_token_invalid")
			.doesNotContain(UpstreamStub.ACTIVE_SECRET);
	}

	@Test
	void propagatesTheTraceDownstream() throws Exception {
		get("/api/security/two-factor", UpstreamStub.ACTIVE_SECRET);

		assertThat(traceparentReceived()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
	}

	@Test
	void continuesTheClientsTraceWithTheGatewaysOwnSpanAsTheServicesParent() throws Exception {
		String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
		String clientSpan = "00f067aa0ba902b7";
		send("GET", "/api/security/two-factor", COOKIE + "=" + UpstreamStub.ACTIVE_SECRET,
				Map.of("traceparent", "00-" + traceId + "-" + clientSpan + "-01"));

		String received = traceparentReceived();
		assertThat(received).startsWith("00-" + traceId + "-");
		assertThat(received.split("-")[2]).isNotEqualTo(clientSpan);
	}

	private String traceparentReceived() {
		List<String> values = upstream.received()
			.get(0)
			.headers()
			.entrySet()
			.stream()
			.filter((header) -> header.getKey().equalsIgnoreCase("traceparent"))
			.flatMap((header) -> header.getValue().stream())
			.toList();
		assertThat(values).as("one traceparent header").hasSize(1);
		return values.get(0);
	}

	@Test
	void limitsSignInAttemptsPerClient() throws Exception {
		List<HttpResponse<String>> responses = new java.util.ArrayList<>();
		for (int i = 0; i < 6; i++) {
			responses.add(send("POST", "/api/auth/login", null, Map.of("Content-Type", "application/json")));
		}

		assertThat(responses.subList(0, 3)).extracting(HttpResponse::statusCode).containsOnly(200);
		HttpResponse<String> limited = responses.stream()
			.filter((response) -> response.statusCode() == 429)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no 429 among six quick sign-ins"));
		assertThat(limited.headers().firstValue("Retry-After")).isPresent();
		assertThat(limited.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(limited.body()).contains("\"code\":\"too_many_requests\"");
	}

	@Test
	void limitsTokenCreationPerUser() throws Exception {
		String token = "csrf-token-value-rate";
		String cookies = COOKIE + "=" + UpstreamStub.ACTIVE_SECRET + "; XSRF-TOKEN=" + token;
		List<Integer> statuses = new java.util.ArrayList<>();
		for (int i = 0; i < 5; i++) {
			statuses.add(send("POST", "/api/security/tokens", cookies, Map.of("X-XSRF-TOKEN", token)).statusCode());
		}

		assertThat(statuses.subList(0, 2)).containsOnly(200);
		assertThat(statuses).contains(429);
	}

	@Test
	void anOverlongUserAgentReachesTokenServiceCutToTheLengthItAccepts() throws Exception {
		String token = upstream.newToken("user-long-agent", "6f1c1d2e-0000-4000-8000-000000000104");
		String agent = "Agent/" + "x".repeat(3000);

		HttpResponse<String> me = this.http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/me"))
				.header("Connection", "close")
				.timeout(Duration.ofSeconds(30))
				.header("Authorization", "Bearer " + token)
				.header("User-Agent", agent)
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(me.statusCode()).isEqualTo(200);
		String asked = upstream.tokenIntrospectionBodies()
			.stream()
			.filter((body) -> body.contains(dev.warden.event.ApiTokenFormat.hash(token)))
			.findFirst()
			.orElseThrow();
		String kept = agent.substring(0, dev.warden.serviceidentity.ClientLimits.MAX_USER_AGENT);
		assertThat(asked).contains("\"userAgent\":\"" + kept + "\"");
	}

	@Test
	void anApiTokenActsAsItsUserWithItsOneRoleButNeverOnSecuritySettings() throws Exception {
		HttpResponse<String> me = withToken("GET", "/api/me", UpstreamStub.ACTIVE_TOKEN);
		HttpResponse<String> settings = withToken("GET", "/api/security/tokens", UpstreamStub.ACTIVE_TOKEN);
		HttpResponse<String> password = withToken("POST", "/api/security/password", UpstreamStub.ACTIVE_TOKEN);
		HttpResponse<String> admin = withToken("GET", "/api/admin/users", UpstreamStub.ACTIVE_TOKEN);

		assertThat(me.statusCode()).isEqualTo(200);
		String claims = claimsOf(upstream.received().get(0));
		assertThat(claims).contains("\"tid\":\"" + UpstreamStub.TOKEN_ID + "\"")
			.contains("\"roles\":[\"USER\"]")
			.contains("\"amr\":[\"token\"]")
			.doesNotContain("\"sid\"")
			.doesNotContain(UpstreamStub.ACTIVE_TOKEN);
		assertThat(settings.statusCode()).isEqualTo(403);
		assertThat(settings.body()).contains("\"code\":\"session_required\"");
		assertThat(password.statusCode()).isEqualTo(403);
		assertThat(admin.statusCode()).isEqualTo(403);
		assertThat(upstream.received()).hasSize(1);
	}

	@Test
	void expiredRevokedAndUnknownTokensAreRefusedWithCodesThatSayWhy() throws Exception {
		HttpResponse<String> expired = withToken("GET", "/api/me", UpstreamStub.EXPIRED_TOKEN);
		HttpResponse<String> revoked = withToken("GET", "/api/me", UpstreamStub.REVOKED_TOKEN);
		int introspections = upstream.tokenIntrospections();
		String valid = dev.warden.event.ApiTokenFormat.newToken();
		HttpResponse<String> mistyped = withToken("GET", "/api/me",
				valid.substring(0, 39) + (valid.endsWith("a") ? "b" : "a"));
		assertThat(upstream.tokenIntrospections()).as("checksum checked at the gateway").isEqualTo(introspections);
		HttpResponse<String> unknown = withToken("GET", "/api/me", valid);
		HttpResponse<String> foreign = withToken("GET", "/api/me", "ghp_notours");

		assertThat(expired.statusCode()).isEqualTo(401);
		assertThat(expired.body()).contains("\"code\":\"token_expired\"");
		assertThat(revoked.statusCode()).isEqualTo(401);
		assertThat(revoked.body()).contains("\"code\":\"token_revoked\"");
		assertThat(mistyped.statusCode()).isEqualTo(401);
		assertThat(unknown.statusCode()).isEqualTo(401);
		assertThat(foreign.statusCode()).isEqualTo(401);
		assertThat(upstream.received()).isEmpty();
	}

	@Test
	void aRevokedTokenIsForgottenAtOnceWhenItsEventArrives() throws Exception {
		awaitRevocationListeners();
		String tokenId = "6f1c1d2e-0000-4000-8000-000000000105";
		String token = upstream.newToken("user-revoked-event", tokenId);
		int start = upstream.tokenIntrospections();
		withToken("GET", "/api/me", token);
		int before = upstream.tokenIntrospections();
		withToken("GET", "/api/me", token);
		assertThat(before).as("asked once").isEqualTo(start + 1);
		assertThat(upstream.tokenIntrospections()).as("cached").isEqualTo(before);

		dev.warden.infra.test.KafkaRecords.send(dev.warden.event.Topics.TOKEN_EVENTS, "user-revoked-event",
				tools.jackson.databind.json.JsonMapper.builder()
					.build()
					.writeValueAsString(dev.warden.event.CloudEvent.of(dev.warden.event.EventSources.TOKEN_SERVICE,
							"user-revoked-event", new dev.warden.event.token.TokenRevoked(tokenId, "ci", "USER", "x7Qa",
									java.time.Instant.parse("2099-01-01T00:00:00Z"), "user"))));

		// Sooner than the cache's own expiry (5 s): only the event can have made the
		// gateway ask again.
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(4)).until(() -> {
			withToken("GET", "/api/me", token);
			return upstream.tokenIntrospections() > before;
		});
	}

	@Test
	void aLockedOwnersTokensAreForgottenAtOnceWhenTheirSuspensionIsAnnounced() throws Exception {
		awaitRevocationListeners();
		String token = upstream.newToken("user-suspended-event", "6f1c1d2e-0000-4000-8000-000000000106");
		int start = upstream.tokenIntrospections();
		withToken("GET", "/api/me", token);
		int before = upstream.tokenIntrospections();
		withToken("GET", "/api/me", token);
		assertThat(before).as("asked once").isEqualTo(start + 1);
		assertThat(upstream.tokenIntrospections()).as("cached").isEqualTo(before);

		dev.warden.infra.test.KafkaRecords.send(dev.warden.event.Topics.TOKEN_EVENTS, "user-suspended-event",
				"{\"specversion\":\"1.0\",\"id\":\"" + java.util.UUID.randomUUID()
						+ "\",\"source\":\"/token-service\",\"type\":\"warden.token.owner-suspended\",\"subject\":\""
						+ "user-suspended-event\",\"data\":{\"userId\":\"user-suspended-event\",\"suspended\":true}}");

		// Sooner than the cache's own expiry (5 s): only the event can have made the
		// gateway ask again.
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(4)).until(() -> {
			withToken("GET", "/api/me", token);
			return upstream.tokenIntrospections() > before;
		});
	}

	private void awaitRevocationListeners() {
		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(30))
			.until(() -> this.listeners.getListenerContainers()
				.stream()
				.allMatch((container) -> container.getAssignedPartitions() != null
						&& container.getAssignedPartitions().size() == 6));
	}

	@Test
	void aTokenAnswerWithoutTheGatewaysGrantIsRefused() throws Exception {
		String token = ApiTokenFormat.newToken();
		upstream.answerToken(token, UpstreamStub.tokenAnswer("tok-ungranted", "an-administrator", "ADMIN", null));

		HttpResponse<String> admin = withToken("GET", "/api/admin/users", token);

		assertThat(admin.statusCode()).isEqualTo(401);
		assertThat(upstream.received()).isEmpty();
	}

	@Test
	void anotherTokensGrantIsRefused() throws Exception {
		String token = ApiTokenFormat.newToken();
		String administratorsGrant = UpstreamStub.TOKEN_GRANTS.sign("an-administrator", "ADMIN", 12,
				ApiTokenFormat.hash(ApiTokenFormat.newToken()));
		upstream.answerToken(token,
				UpstreamStub.tokenAnswer("tok-other", "an-administrator", "ADMIN", administratorsGrant));

		HttpResponse<String> admin = withToken("GET", "/api/admin/users", token);

		assertThat(admin.statusCode()).isEqualTo(401);
		assertThat(upstream.received()).isEmpty();
	}

	@Test
	void aTokenGivenAnotherRoleThanItsGrantIsRefused() throws Exception {
		String token = ApiTokenFormat.newToken();
		// An administrator's least-privilege token, which a token-service taken over
		// answers as an ADMIN one.
		String grant = UpstreamStub.TOKEN_GRANTS.sign("user-promoted", "USER", 12, ApiTokenFormat.hash(token));
		upstream.answerToken(token, UpstreamStub.tokenAnswer("tok-promoted", "user-promoted", "ADMIN", grant));

		HttpResponse<String> admin = withToken("GET", "/api/admin/users", token);
		HttpResponse<String> me = withToken("GET", "/api/me", token);

		assertThat(admin.statusCode()).isEqualTo(401);
		assertThat(me.statusCode()).isEqualTo(401);
		assertThat(upstream.received()).isEmpty();
	}

	@Test
	void theTokenOwnerForwardedIsTheGrantsNotWhatTokenServiceSaysBesideIt() throws Exception {
		String token = ApiTokenFormat.newToken();
		String grant = UpstreamStub.TOKEN_GRANTS.sign("user-granted", "USER", 12, ApiTokenFormat.hash(token));
		upstream.answerToken(token, UpstreamStub.tokenAnswer("tok-granted", "user-claimed", "USER", grant));

		HttpResponse<String> me = withToken("GET", "/api/me", token);

		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(upstream.received()).singleElement()
			.satisfies((received) -> assertThat(claimsOf(received)).contains("\"sub\":\"user-granted\"")
				.contains("\"tid\":\"tok-granted\"")
				.doesNotContain("user-claimed"));
	}

	@Test
	void creatingATokenHandsTokenServiceAValueTheGatewayMadeAndItsGrant() throws Exception {
		String chosen = ApiTokenFormat.newToken();
		String session = upstream.newSession("user-making-a-token", "tokenMakerSession00001");

		HttpResponse<String> created = asSession(session, "POST", "/api/security/tokens",
				"{\"name\":\"ci\",\"validityMonths\":3,\"role\":\"USER\"}",
				Map.of("Warden-Token-Value", chosen, "Warden-Token-Grant", "a.b.c"));

		assertThat(created.statusCode()).isEqualTo(200);
		UpstreamStub.Received received = upstream.received().get(0);
		assertThat(received.header("Warden-Token-Value")).as("the client's own value is dropped").hasSize(1);
		String value = received.header("Warden-Token-Value").get(0);
		assertThat(value).isNotEqualTo(chosen);
		assertThat(ApiTokenFormat.isWellFormed(value)).isTrue();
		dev.warden.serviceidentity.token.TokenGrant grant = UpstreamStub.TOKEN_GRANTS
			.verify(received.header("Warden-Token-Grant").get(0), ApiTokenFormat.hash(value));
		assertThat(grant.userId()).isEqualTo("user-making-a-token");
		assertThat(grant.role()).isEqualTo("USER");
		assertThat(grant.expiresAt()).isBetween(Instant.now().plus(Duration.ofDays(88)),
				Instant.now().plus(Duration.ofDays(94)));
		assertThat(received.body()).as("the body passes on as it came")
			.isEqualTo("{\"name\":\"ci\",\"validityMonths\":3,\"role\":\"USER\"}");
	}

	@Test
	void aTokenCreationForARoleTheCallerLacksGetsNoGrant() throws Exception {
		String session = upstream.newSession("user-wanting-admin", "tokenWantsAdmin0000001");

		HttpResponse<String> created = asSession(session, "POST", "/api/security/tokens",
				"{\"name\":\"ci\",\"validityMonths\":3,\"role\":\"ADMIN\"}", Map.of());
		HttpResponse<String> junk = asSession(session, "POST", "/api/security/tokens", "not json", Map.of());

		assertThat(created.statusCode()).isEqualTo(200);
		assertThat(junk.statusCode()).isEqualTo(200);
		assertThat(upstream.received()).hasSize(2)
			.allSatisfy((received) -> assertThat(
					received.hasHeader("Warden-Token-Value") || received.hasHeader("Warden-Token-Grant"))
				.isFalse());
	}

	@Test
	void aClientsOwnTokenValueOrGrantNeverReachesAService() throws Exception {
		HttpResponse<String> me = send("GET", "/api/me", COOKIE + "=" + UpstreamStub.ACTIVE_SECRET,
				Map.of("Warden-Token-Value", ApiTokenFormat.newToken(), "Warden-Token-Grant", "a.b.c"));
		HttpResponse<String> list = send("GET", "/api/security/tokens", COOKIE + "=" + UpstreamStub.ACTIVE_SECRET,
				Map.of("Warden-Token-Value", ApiTokenFormat.newToken(), "Warden-Token-Grant", "a.b.c"));

		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(upstream.received()).hasSize(2)
			.allSatisfy((received) -> assertThat(
					received.hasHeader("Warden-Token-Value") || received.hasHeader("Warden-Token-Grant"))
				.isFalse());
	}

	/** An unsafe request of a signed-in session, with its CSRF token. */
	private HttpResponse<String> asSession(String session, String method, String path, Map<String, String> headers)
			throws Exception {
		return asSession(session, method, path, "{}", headers);
	}

	private HttpResponse<String> asSession(String session, String method, String path, String body,
			Map<String, String> headers) throws Exception {
		String csrf = "csrf-token-value-revocations";
		Map<String, String> all = new java.util.HashMap<>(headers);
		all.put("X-XSRF-TOKEN", csrf);
		all.put("Content-Type", "application/json");
		return send(method, path, COOKIE + "=" + session + "; XSRF-TOKEN=" + csrf, body, all);
	}

	private HttpResponse<String> withToken(String method, String path, String token) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Connection", "close")
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + token)
			.method(method, HttpRequest.BodyPublishers.ofString("{}"))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> send(String method, String path, String cookies, Map<String, String> headers)
			throws Exception {
		return send(method, path, cookies, "{}", headers);
	}

	private HttpResponse<String> send(String method, String path, String cookies, String body,
			Map<String, String> headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Connection", "close")
			.timeout(Duration.ofSeconds(30))
			.method(method, HttpRequest.BodyPublishers.ofString(body));
		if (cookies != null) {
			request.header("Cookie", cookies);
		}
		headers.forEach(request::header);
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * A raw HTTP/1.1 request from a given loopback address (127.0.0.x are all this
	 * machine's), to be a peer other than the tests' own client.
	 */
	private RawResponse fromPeer(String localAddress, String method, String path, Map<String, String> headers)
			throws Exception {
		try (java.net.Socket socket = new java.net.Socket()) {
			socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
			socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), this.port), 5_000);
			socket.setSoTimeout(10_000);
			StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost:" + this.port
					+ "\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
					+ (headers.containsKey("Connection") ? "" : "Connection: close\r\n"));
			headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
			request.append("\r\n{}");
			socket.getOutputStream().write(request.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
			String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
			int status = Integer.parseInt(answer.substring(9, 12));
			String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
			return new RawResponse(status, answer.substring(0, answer.indexOf("\r\n\r\n")), body);
		}
	}

	/** Status and raw body (possibly chunked) of a {@link #fromPeer} request. */
	private record RawResponse(int statusCode, String head, String body) {
	}

	private static String claimsOf(UpstreamStub.Received received) {
		List<String> authorization = received.headers().get("Authorization");
		String jwt = authorization.get(0).substring("Bearer ".length());
		return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
	}

	private HttpResponse<String> get(String path, String sessionCookie) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Connection", "close")
			.timeout(Duration.ofSeconds(30));
		if (sessionCookie != null) {
			request.header("Cookie", COOKIE + "=" + sessionCookie);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
