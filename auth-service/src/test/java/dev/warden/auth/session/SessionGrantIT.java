package dev.warden.auth.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.warden.auth.AuthIntegrationTest;
import dev.warden.auth.SessionServiceStub;
import dev.warden.auth.user.User;
import dev.warden.infra.test.TestJwts;
import dev.warden.serviceidentity.ServiceKey;
import dev.warden.serviceidentity.session.SessionGrant;
import dev.warden.serviceidentity.session.SessionGrantSigner;
import dev.warden.serviceidentity.session.SessionGrantVerifier;
import dev.warden.serviceidentity.session.SessionSecrets;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * Who a session belongs to is decided and signed here: session-service learns only the
 * cookie value's hash and keeps the grant, and a renewal takes the session's identity
 * from the grant signed before, never from session-service's answer.
 */
class SessionGrantIT extends AuthIntegrationTest {

	/**
	 * What the gateway does with auth-service's public key, on the service's clock (which
	 * tests move).
	 */
	private SessionGrantVerifier gateway() {
		return new SessionGrantVerifier("test", TestJwts.AUTH_SERVICE_KEY.publicJson(), this.clock);
	}

	@Autowired
	CircuitBreakerRegistry breakers;

	@AfterEach
	void sessionServiceBack() {
		SESSIONS.refuseGrants(false);
		SESSIONS.answerCreatesEndingAt(null);
		SESSIONS.answerNextRenewalWith(null);
		this.breakers.circuitBreaker("session-service").reset();
	}

	@Test
	void aSignInSendsSessionServiceOnlyTheCookiesHashAndAGrantBoundToIt() throws Exception {
		String email = uniqueEmail();
		String password = strongPassword();
		User user = newUser(email, password);

		HttpResponse<String> response = login(email, password);

		assertThat(response.statusCode()).isEqualTo(200);
		String cookie = cookieValue(response);
		SessionServiceStub.Call created = lastCreate(user);
		assertThat(created.body()).contains("\"secretHash\":\"" + SessionSecrets.hash(cookie) + "\"")
			.doesNotContain(cookie);
		String sessionId = sessionIdOf(user);
		SessionGrant grant = gateway().verify(SESSIONS.grantOf(sessionId), SessionSecrets.hash(cookie));
		assertThat(grant.userId()).isEqualTo(user.id().toString());
		assertThat(grant.roles()).containsExactly("USER");
		assertThat(grant.authMethods()).containsExactly("pwd");
		assertThat(grant.passwordChangeRequired()).isFalse();
		assertThat(grant.authenticatedAt()).isBetween(this.clock.instant().minusSeconds(60),
				this.clock.instant().plusSeconds(1));
		assertThat(SESSIONS.calls("PUT", "/grant").stream().map(SessionServiceStub.Call::body))
			.noneMatch((body) -> body.contains(cookie));
	}

	@Test
	void aRenewalCarriesTheSessionsGrantOverToTheNewCookieWithOnlyWhatChanged() throws Exception {
		String email = uniqueEmail();
		String password = strongPassword();
		User user = newUser(email, password);
		String sessionId = "grantRenewal0000000001";
		Instant signedIn = this.clock.instant()
			.minus(Duration.ofHours(1))
			.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		Instant ends = this.clock.instant()
			.plus(Duration.ofHours(5))
			.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		SESSIONS.answerNextRenewalWith(new SessionGrantSigner(TestJwts.AUTH_SERVICE_KEY, Clock.systemUTC())
			.sign(new SessionGrant(user.id().toString(), sessionId, List.of("USER"), List.of("pwd", "otp"), signedIn,
					false, false, SessionSecrets.hash(SessionSecrets.newSecret()), ends)));

		HttpResponse<String> right = send("POST", "/api/auth/reauthenticate", Map.of("password", password),
				bearer(user, sessionId, signedIn));

		assertThat(right.statusCode()).isEqualTo(204);
		String cookie = cookieValue(right);
		SessionGrant renewed = gateway().verify(SESSIONS.grantOf(sessionId), SessionSecrets.hash(cookie));
		assertThat(renewed.userId()).isEqualTo(user.id().toString());
		assertThat(renewed.sessionId()).isEqualTo(sessionId);
		assertThat(renewed.authMethods()).containsExactly("pwd", "otp");
		assertThat(renewed.expiresAt()).isEqualTo(ends);
		assertThat(renewed.authenticatedAt()).isAfter(signedIn);
	}

	@Test
	void aRenewalAnsweredWithAnotherUsersGrantEndsTheSessionAndGivesNoCookie() {
		// A genuine grant, but an administrator's: what a session-service taken over
		// would hand back.
		assertRenewalEndsTheSession("grantForeign0000000001", TestJwts.AUTH_SERVICE_KEY, true);
	}

	@Test
	void aRenewalAnsweredWithAGrantAuthServiceNeverSignedEndsTheSession() {
		assertRenewalEndsTheSession("grantForged00000000001", ServiceKey.generate(), false);
	}

	/**
	 * A re-authentication whose renewal session-service answers with an administrator's
	 * grant signed by {@code key}, for another user or for this one.
	 */
	private void assertRenewalEndsTheSession(String sessionId, ServiceKey key, boolean anotherUser) {
		String password = strongPassword();
		User user = newUser(uniqueEmail(), password);
		SESSIONS.answerNextRenewalWith(new SessionGrantSigner(key, Clock.systemUTC())
			.sign(new SessionGrant(anotherUser ? "someone-else" : user.id().toString(), sessionId,
					List.of("USER", "ADMIN"), List.of("pwd", "otp"), this.clock.instant(), false, false,
					SessionSecrets.hash(SessionSecrets.newSecret()), this.clock.instant().plus(Duration.ofHours(12)))));

		HttpResponse<String> response = send("POST", "/api/auth/reauthenticate", Map.of("password", password),
				bearer(user, sessionId, this.clock.instant().minus(Duration.ofHours(1))));

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
		assertThat(SESSIONS.grantOf(sessionId)).isNull();
		assertThat(SESSIONS.calls("DELETE", "/internal/users/" + user.id() + "/sessions/" + sessionId)).hasSize(1);
	}

	@Test
	void noGrantOutlastsTheAbsoluteLifetimeWhateverSessionServiceSays() throws Exception {
		String email = uniqueEmail();
		String password = strongPassword();
		User user = newUser(email, password);
		SESSIONS.answerCreatesEndingAt(Instant.parse("9999-12-31T00:00:00Z"));

		HttpResponse<String> response = login(email, password);

		assertThat(response.statusCode()).isEqualTo(200);
		String cookie = cookieValue(response);
		SessionGrant grant = gateway().verify(SESSIONS.grantOf(sessionIdOf(user)), SessionSecrets.hash(cookie));
		assertThat(grant.expiresAt()).isBefore(this.clock.instant().plus(Duration.ofHours(12)).plusSeconds(5));
		String header = response.headers().firstValue("Set-Cookie").orElseThrow();
		java.util.regex.Matcher maxAge = java.util.regex.Pattern.compile("Max-Age=(\\d+)").matcher(header);
		if (maxAge.find()) {
			assertThat(Long.parseLong(maxAge.group(1))).isLessThanOrEqualTo(Duration.ofHours(12).toSeconds());
		}
	}

	@Test
	void aSessionWhoseGrantCannotBeAttachedIsEndedAndTheSignInFails() {
		String email = uniqueEmail();
		String password = strongPassword();
		User user = newUser(email, password);
		SESSIONS.refuseGrants(true);

		HttpResponse<String> response = login(email, password);

		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
		String sessionId = sessionIdOf(user);
		assertThat(SESSIONS.calls("DELETE", "/internal/users/" + user.id() + "/sessions/" + sessionId)).hasSize(1);
	}

	private String sessionIdOf(User user) {
		String body = lastCreate(user).body();
		// The stub names the session in its answer only; find it from the grant call that
		// followed.
		List<SessionServiceStub.Call> grants = SESSIONS.calls("PUT", "/internal/users/" + user.id() + "/sessions/");
		assertThat(grants).as("grant attached after %s", body).isNotEmpty();
		String uri = grants.get(grants.size() - 1).uri();
		String[] parts = uri.split("/");
		return parts[parts.length - 2];
	}

	private static String cookieValue(HttpResponse<String> response) {
		String header = response.headers().firstValue("Set-Cookie").orElseThrow();
		return header.substring(header.indexOf('=') + 1, header.indexOf(';'));
	}

	private SessionServiceStub.Call lastCreate(User user) {
		List<SessionServiceStub.Call> calls = SESSIONS.calls("POST", "/internal/sessions")
			.stream()
			.filter((call) -> call.body().contains(user.id().toString()))
			.toList();
		assertThat(calls).isNotEmpty();
		return calls.get(calls.size() - 1);
	}

}
