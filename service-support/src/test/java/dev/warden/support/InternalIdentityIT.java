package dev.warden.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.SignedJWT;
import dev.warden.infra.test.TestJwts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A service accepts only the gateway's short-lived ES256 internal JWT, and refuses
 * everything else with 401.
 */
@SpringBootTest(classes = TestServiceApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class InternalIdentityIT {

	@LocalServerPort
	int port;

	@org.springframework.boot.test.web.server.LocalManagementPort
	int managementPort;

	HttpCalls http;

	final TestJwts jwts = TestJwts.shared();

	@BeforeEach
	void setUp() {
		this.http = new HttpCalls(this.port);
	}

	@Test
	void acceptsGatewayTokenAndExposesItsClaims() {
		HttpResponse<String> response = this.http.get("/api/echo",
				this.jwts.forUser("user-1").roles("USER").session("sess-1").bearer());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"userId\":\"user-1\"")
			.contains("\"sessionId\":\"sess-1\"")
			.contains("\"authMethods\":[\"pwd\"]");
	}

	@Test
	void refusesRequestWithoutToken() {
		assertUnauthenticated(this.http.get("/api/echo", null));
	}

	@Test
	void refusesTokenSignedByUnknownKey() {
		assertUnauthenticated(this.http.get("/api/echo", TestJwts.untrusted().forUser("user-1").bearer()));
	}

	@Test
	void refusesExpiredToken() {
		assertUnauthenticated(this.http.get("/api/echo",
				this.jwts.forUser("user-1").issuedAt(Instant.now().minusSeconds(300)).bearer()));
	}

	@Test
	void refusesATokenThatExpiredTenSecondsAgo() {
		// Lifetime 60 s, issued 70 s ago: Spring's default 60 s of clock skew would still
		// accept it.
		assertUnauthenticated(this.http.get("/api/echo",
				this.jwts.forUser("user-1").issuedAt(Instant.now().minusSeconds(70)).bearer()));
	}

	@Test
	void signingInNeedsTheGatewaysTokenButNoUserAndTakesTheAddressOnlyFromIt() {
		HttpResponse<String> direct = this.http.send("POST", "/api/sign-in", null, null, "");
		HttpResponse<String> anonymous = this.http.send("POST", "/api/sign-in",
				this.jwts.anonymous().clientIp("198.51.100.4").bearer(), null, "",
				java.util.Map.of("X-Warden-Client-Ip", "203.0.113.66"));

		assertUnauthenticated(direct);
		assertThat(anonymous.statusCode()).isEqualTo(200);
		assertThat(anonymous.body()).isEqualTo("{\"clientIp\":\"198.51.100.4\"}");
	}

	@Test
	void anAnonymousTokenIsRefusedWhereverAUserIsNeeded() {
		String anonymous = this.jwts.anonymous().clientIp("198.51.100.4").bearer();

		assertUnauthenticated(this.http.get("/api/echo", anonymous));
		assertUnauthenticated(this.http.send("POST", "/api/admin/echo", anonymous, null, ""));
	}

	@Test
	void changesToAdministrationNeedASessionWithARecentSignIn() {
		HttpResponse<String> viaApiToken = this.http.send("POST", "/api/admin/echo",
				this.jwts.forUser("a").roles("ADMIN").apiToken("tok-1").bearer(), null, "");
		HttpResponse<String> readViaApiToken = this.http.get("/api/admin/echo",
				this.jwts.forUser("a").roles("ADMIN").apiToken("tok-1").bearer());
		HttpResponse<String> stale = this.http.send("POST", "/api/admin/echo",
				this.jwts.forUser("a")
					.roles("USER", "ADMIN")
					.session("sess-a")
					.authTime(Instant.now().minus(Duration.ofMinutes(16)))
					.bearer(),
				null, "");
		HttpResponse<String> notAdmin = this.http.send("POST", "/api/admin/echo",
				this.jwts.forUser("u").roles("USER").session("sess-u").bearer(), null, "");
		HttpResponse<String> fresh = this.http.send("POST", "/api/admin/echo",
				this.jwts.forUser("a").roles("USER", "ADMIN").session("sess-a").bearer(), null, "");

		assertThat(viaApiToken.statusCode()).isEqualTo(403);
		assertThat(viaApiToken.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(viaApiToken.body()).contains("\"code\":\"session_required\"");
		assertThat(readViaApiToken.statusCode()).isEqualTo(200);
		assertThat(stale.statusCode()).isEqualTo(403);
		assertThat(stale.body()).contains("\"code\":\"reauthentication_required\"");
		assertThat(notAdmin.statusCode()).isEqualTo(403);
		assertThat(notAdmin.body()).contains("\"code\":\"forbidden\"");
		assertThat(fresh.statusCode()).isEqualTo(200);
	}

	@Test
	void refusesWrongAudience() {
		assertUnauthenticated(
				this.http.get("/api/echo", this.jwts.forUser("user-1").audience("someone-else").bearer()));
	}

	@Test
	void refusesWrongIssuer() {
		assertUnauthenticated(this.http.get("/api/echo", this.jwts.forUser("user-1").issuer("evil").bearer()));
	}

	@Test
	void refusesLongLivedToken() {
		assertUnauthenticated(
				this.http.get("/api/echo", this.jwts.forUser("user-1").lifetime(Duration.ofHours(1)).bearer()));
	}

	@Test
	void refusesUnsignedAlgNoneToken() {
		Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
		String header = b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
		String payload = b64
			.encodeToString(this.jwts.forUser("user-1").claims().toString().getBytes(StandardCharsets.UTF_8));

		assertUnauthenticated(this.http.get("/api/echo", "Bearer " + header + "." + payload + "."));
	}

	@Test
	void refusesHmacSignedToken() throws Exception {
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), this.jwts.forUser("user-1").claims());
		jwt.sign(new MACSigner("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8)));

		assertUnauthenticated(this.http.get("/api/echo", "Bearer " + jwt.serialize()));
	}

	@Test
	void adminPathNeedsAdminRole() {
		HttpResponse<String> asUser = this.http.get("/api/admin/echo", this.jwts.forUser("u").roles("USER").bearer());
		HttpResponse<String> asAdmin = this.http.get("/api/admin/echo",
				this.jwts.forUser("a").roles("USER", "ADMIN").bearer());

		assertThat(asUser.statusCode()).isEqualTo(403);
		assertThat(asUser.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(asUser.body()).contains("\"code\":\"forbidden\"");
		assertThat(asAdmin.statusCode()).isEqualTo(200);
	}

	@Test
	@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
	void everyRefusalIsLoggedWithTheUserAndTheClientAddressButNoCredential(
			org.springframework.boot.test.system.CapturedOutput output) {
		String token = this.jwts.forUser("refused-user").roles("USER").clientIp("203.0.113.9").bearer();

		this.http.get("/api/admin/echo", token);
		this.http.get("/api/echo", null);

		assertThat(output.getAll())
			.contains("Refused GET /api/admin/echo: 403 forbidden (user refused-user, client 203.0.113.9)")
			.contains("Refused GET /api/echo: 401 unauthenticated (user -, client ")
			.doesNotContain(token.substring("Bearer ".length()));
	}

	@Test
	void healthNeedsNoTokenOnTheManagementPort() {
		assertThat(new HttpCalls(this.managementPort).get("/actuator/health/liveness", null).statusCode())
			.isEqualTo(200);
	}

	@Test
	void healthMetricsAndInfoAnswerOnlyOnTheManagementPort() {
		dev.warden.infra.test.ManagementEndpoints.assertOnlyOnManagementPort(this.port, this.managementPort);
	}

	@Test
	void anInternalEndpointAcceptsOnlyTheCallersItNames() {
		HttpResponse<String> gateway = this.http.get("/internal/ping", TestJwts.serviceCall("gateway", "test-service"));
		HttpResponse<String> authService = this.http.get("/internal/ping",
				TestJwts.serviceCall("auth-service", "test-service"));
		HttpResponse<String> unknownService = this.http.get("/internal/ping",
				TestJwts.serviceCall("notification-service", "test-service"));

		assertThat(gateway.statusCode()).isEqualTo(200);
		assertThat(gateway.body()).contains("\"caller\":\"gateway\"");
		assertThat(authService.statusCode()).as("a known service this endpoint does not name").isEqualTo(403);
		assertThat(authService.body()).contains("\"code\":\"caller_not_allowed\"");
		assertThat(unknownService.statusCode()).as("a service no key is configured for").isEqualTo(401);
	}

	@Test
	void anInternalEndpointThatNamesNoCallerIsClosedToAll() {
		HttpResponse<String> gateway = this.http.get("/internal/unlisted",
				TestJwts.serviceCall("gateway", "test-service"));

		assertThat(gateway.statusCode()).isEqualTo(403);
		assertThat(gateway.body()).doesNotContain("reached");
	}

	@Test
	void internalEndpointsRefuseUsersTokensOtherServicesTokensAndTheRetiredSharedKey() {
		HttpResponse<String> forAnotherService = this.http.get("/internal/ping",
				TestJwts.serviceCall("gateway", "session-service"));
		HttpResponse<String> userToken = this.http.get("/internal/ping",
				this.jwts.forUser("user-1").roles("USER", "ADMIN").bearer());
		HttpResponse<String> sharedKey = this.http.send("GET", "/internal/ping", null, null, "",
				java.util.Map.of("X-Warden-Internal-Key", "test-internal-key-0123456789-abcdefghijklmnop"));

		assertThat(forAnotherService.statusCode()).isEqualTo(401);
		assertThat(userToken.statusCode()).isEqualTo(401);
		assertThat(userToken.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(sharedKey.statusCode()).isEqualTo(401);
	}

	@Test
	void aUsersTokenAddressedToAnotherServiceIsRefused() {
		HttpResponse<String> own = this.http.get("/api/echo", this.jwts.forUser("user-1").roles("USER").bearer());
		HttpResponse<String> capturedElsewhere = this.http.get("/api/echo",
				this.jwts.forUser("user-1").roles("USER").audience("audit-service").bearer());
		HttpResponse<String> forEveryone = this.http.get("/api/echo",
				"Bearer " + this.jwts
					.sign(new com.nimbusds.jwt.JWTClaimsSet.Builder(this.jwts.forUser("user-1").roles("USER").claims())
						.audience(java.util.List.of("test-service", "audit-service"))
						.build()));

		assertThat(own.statusCode()).isEqualTo(200);
		assertThat(capturedElsewhere.statusCode()).isEqualTo(401);
		assertThat(forEveryone.statusCode()).as("a token for several services is for none").isEqualTo(401);
	}

	@Test
	void sensitiveActionNeedsARecentSignIn() {
		HttpResponse<String> fresh = this.http.send("POST", "/api/sensitive", this.jwts.forUser("user-1").bearer(),
				null, "", java.util.Map.of());
		HttpResponse<String> stale = this.http.send("POST", "/api/sensitive",
				this.jwts.forUser("user-1").authTime(Instant.now().minus(Duration.ofMinutes(16))).bearer(), null, "",
				java.util.Map.of());

		assertThat(fresh.statusCode()).isEqualTo(200);
		assertThat(stale.statusCode()).isEqualTo(403);
		assertThat(stale.body()).contains("\"code\":\"reauthentication_required\"");
	}

	private static void assertUnauthenticated(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"code\":\"unauthenticated\"");
	}

}
