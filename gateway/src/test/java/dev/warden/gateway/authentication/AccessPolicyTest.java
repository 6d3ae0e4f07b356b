package dev.warden.gateway.authentication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.List;

import dev.warden.gateway.identity.CallerIdentity;
import dev.warden.gateway.problem.GatewayProblem;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;

/**
 * The access rules at the door, applied to a caller already established, without an
 * exchange.
 */
class AccessPolicyTest {

	@Test
	void aSessionThatMustChangeItsPasswordReachesOnlyThePasswordChangeAndWhatItNeeds() {
		Resolution.Caller caller = session(List.of("USER"), true, false);

		assertThat(decide(caller, "/api/security/sessions", HttpMethod.GET).refusal())
			.isEqualTo(GatewayProblem.passwordChangeRequired());
		for (String path : new String[] { "/api/me", "/api/security/password/policy", "/api/security/password",
				"/api/auth/logout" }) {
			assertThat(decide(caller, path, HttpMethod.POST).allowed()).as(path).isTrue();
		}
	}

	@Test
	void aSessionThatMustSetUpTwoFactorReachesOnlyItsSetUpAndWhatItNeeds() {
		Resolution.Caller caller = session(List.of("USER"), false, true);

		assertThat(decide(caller, "/api/security/password", HttpMethod.POST).refusal())
			.isEqualTo(GatewayProblem.twoFactorSetupRequired());
		for (String path : new String[] { "/api/me", "/api/auth/logout", "/api/auth/reauthenticate",
				"/api/security/password/policy", "/api/security/two-factor/confirm" }) {
			assertThat(decide(caller, path, HttpMethod.POST).allowed()).as(path).isTrue();
		}
	}

	@Test
	void aSessionWithBothFlagsIsHeldByThePasswordChangeFirst() {
		Resolution.Caller caller = session(List.of("USER"), true, true);

		assertThat(decide(caller, "/api/security/two-factor/confirm", HttpMethod.POST).refusal())
			.isEqualTo(GatewayProblem.passwordChangeRequired());
		assertThat(decide(caller, "/api/security/password", HttpMethod.POST).allowed()).isTrue();
	}

	@Test
	void anApiTokenNeverChangesSecuritySettingsOwnSettingsOrAdministration() {
		Resolution.Caller admin = token("ADMIN");

		for (String path : new String[] { "/api/security/tokens", "/api/security/password/policy" }) {
			assertThat(decide(admin, path, HttpMethod.GET).refusal()).as(path)
				.isEqualTo(GatewayProblem.sessionRequired());
		}
		for (String path : new String[] { "/api/me/preferences", "/api/admin/users" }) {
			assertThat(decide(admin, path, HttpMethod.POST).refusal()).as(path)
				.isEqualTo(GatewayProblem.sessionRequired());
		}
	}

	@Test
	void anApiTokenReadsAdministrationOnlyWithTheAdminRole() {
		assertThat(decide(token("USER"), "/api/admin/users", HttpMethod.GET).refusal())
			.isEqualTo(GatewayProblem.adminRequired());
		assertThat(decide(token("ADMIN"), "/api/admin/users", HttpMethod.GET).allowed()).isTrue();
	}

	@Test
	void aSessionAdministersOnlyWithTheAdminRole() {
		assertThat(decide(session(List.of("USER"), false, false), "/api/admin/users", HttpMethod.GET).refusal())
			.isEqualTo(GatewayProblem.adminRequired());
		assertThat(
				decide(session(List.of("USER", "ADMIN"), false, false), "/api/admin/users", HttpMethod.POST).allowed())
			.isTrue();
	}

	@Test
	void aSessionWithoutHoldsGoesEverywhereButAdministration() {
		Resolution.Caller caller = session(List.of("USER"), false, false);

		for (String path : new String[] { "/api/me", "/api/security/password", "/api/security/tokens",
				"/api/security/log" }) {
			assertThat(decide(caller, path, HttpMethod.POST).allowed()).as(path).isTrue();
		}
	}

	@Test
	void anApiTokenReadsWhatItsUserMay() {
		for (String path : new String[] { "/api/me", "/api/me/preferences" }) {
			assertThat(decide(token("USER"), path, HttpMethod.GET).allowed()).as(path).isTrue();
		}
	}

	@Test
	void noOneMaySignInButNotGoFurther() {
		Resolution.Caller anonymous = new Resolution.Anonymous(
				new CallerIdentity.PreviousSession("user-1", "session-1"), "cookie");

		assertThat(decide(anonymous, "/api/auth/login", HttpMethod.POST).allowed()).isTrue();
		assertThat(decide(Resolution.Anonymous.NO_ONE, "/api/auth/login/mfa", HttpMethod.POST).allowed()).isTrue();
		assertThat(decide(Resolution.Anonymous.NO_ONE, "/api/auth/password-reset", HttpMethod.POST).allowed()).isTrue();
		assertThat(decide(Resolution.Anonymous.NO_ONE, "/api/auth/password-reset/confirm", HttpMethod.POST).allowed())
			.isTrue();
		assertThat(AccessPolicy.isSignIn("/api/auth/password-reset")).as("a reset signs nobody in").isFalse();
		assertThat(decide(Resolution.Anonymous.NO_ONE, "/api/me", HttpMethod.GET).refusal())
			.isEqualTo(GatewayProblem.unauthenticated());
	}

	@Test
	void refusalsKeepTheCodesClientsKnow() {
		assertThat(List.of(GatewayProblem.passwordChangeRequired(), GatewayProblem.twoFactorSetupRequired(),
				GatewayProblem.sessionRequired(), GatewayProblem.adminRequired()))
			.extracting(GatewayProblem::code, (problem) -> problem.status().value())
			.containsExactly(tuple("password_change_required", 403), tuple("two_factor_setup_required", 403),
					tuple("session_required", 403), tuple("forbidden", 403));
	}

	private static Access decide(Resolution.Caller caller, String path, HttpMethod method) {
		return AccessPolicy.decide(caller, path, method);
	}

	private static Resolution.Caller session(List<String> roles, boolean mustChangePassword,
			boolean mustSetUpTwoFactor) {
		return new Resolution.Session("cookie",
				new SessionIntrospection(true, "session-1", "user-1", roles, List.of("pwd"), Instant.EPOCH,
						Instant.EPOCH.plusSeconds(3600), mustChangePassword, mustSetUpTwoFactor));
	}

	private static Resolution.Caller token(String role) {
		return new Resolution.Token(new TokenIntrospection(true, null, "token-1", "user-1", role,
				Instant.EPOCH.plusSeconds(3600), "grant"));
	}

}
