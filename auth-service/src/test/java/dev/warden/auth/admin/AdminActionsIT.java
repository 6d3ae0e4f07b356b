package dev.warden.auth.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.warden.auth.AuthIntegrationTest;
import dev.warden.auth.user.Roles;
import dev.warden.auth.user.User;
import dev.warden.auth.user.UserStatus;
import dev.warden.event.EventTypes;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What an administrator does in an incident: each action logged with who did it. */
class AdminActionsIT extends AuthIntegrationTest {

	@Test
	void aDisabledUserCannotSignInUntilEnabledAndEachChangeNamesTheAdministrator() {
		String email = uniqueEmail();
		String password = strongPassword();
		User user = newUser(email, password);
		User admin = bootstrapAdmin();

		assertThat(act(user, "disable").statusCode()).isEqualTo(204);
		assertThat(login(email, password).statusCode()).isEqualTo(401);
		JsonNode disabled = this.events.await(user.id().toString(), EventTypes.ACCOUNT_DISABLED);
		assertThat(disabled.path("data").path("actorId").asString()).isEqualTo(admin.id().toString());
		assertThat(disabled.path("data").path("actorName").asString()).isEqualTo(admin.displayName());
		assertThat(act(user, "disable").statusCode()).as("disabling again changes nothing").isEqualTo(204);

		assertThat(act(user, "enable").statusCode()).isEqualTo(204);
		assertThat(login(email, password).statusCode()).isEqualTo(200);
		this.events.await(user.id().toString(), EventTypes.ACCOUNT_ENABLED);
		assertThat(this.events.find(user.id().toString(), EventTypes.ACCOUNT_DISABLED)).hasSize(1);
	}

	@Test
	void twoAdministratorsDisablingEachOtherAtOnceLeaveOneWhoCannotDisableThemself() throws Exception {
		User first = bootstrapAdmin();
		User second = this.users.create(uniqueEmail(), "Second Admin", List.of(Roles.USER, Roles.ADMIN),
				strongPassword(), false, "test");
		List<UUID> others = this.jdbc.queryForList("""
				select id from app_user where 'ADMIN' = any(roles) and status = 'ACTIVE' and id not in (?, ?)""",
				UUID.class, first.id(), second.id());
		others.forEach((id) -> this.jdbc.update("update app_user set status = 'DISABLED' where id = ?", id));
		try {
			// Each disables the other at the same moment: one of them must stay.
			CompletableFuture<HttpResponse<String>> firstDisablesSecond = CompletableFuture
				.supplyAsync(() -> send("POST", "/api/admin/users/" + second.id() + "/disable", null, bearer(first)));
			CompletableFuture<HttpResponse<String>> secondDisablesFirst = CompletableFuture
				.supplyAsync(() -> send("POST", "/api/admin/users/" + first.id() + "/disable", null, bearer(second)));
			List<HttpResponse<String>> answers = List.of(firstDisablesSecond.get(), secondDisablesFirst.get());

			// The one who lost is no longer an active administrator by the time their own
			// change runs: refused as such.
			assertThat(answers).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(204, 403);
			assertThat(this.jdbc.queryForObject(
					"select count(*) from app_user where 'ADMIN' = any(roles) and status = 'ACTIVE'", Integer.class))
				.isEqualTo(1);
			User last = answers.get(0).statusCode() == 204 ? first : second;
			HttpResponse<String> itself = send("POST", "/api/admin/users/" + last.id() + "/disable", null,
					bearer(last));
			assertThat(itself.statusCode()).isEqualTo(409);
			assertThat(itself.body()).contains("\"code\":\"last_administrator\"");
		}
		finally {
			this.jdbc.update("update app_user set status = 'ACTIVE' where id in (?, ?)", first.id(), second.id());
			others.forEach((id) -> this.jdbc.update("update app_user set status = 'ACTIVE' where id = ?", id));
		}
	}

	@Test
	void rolesChangeWithTheAdministratorNamedButAdminStaysWithTheLastActiveAdministrator() {
		User user = newUser(uniqueEmail(), strongPassword());

		HttpResponse<String> promoted = send("PUT", "/api/admin/users/" + user.id() + "/roles",
				Map.of("roles", List.of("ADMIN")), bearer(bootstrapAdmin()));

		assertThat(promoted.statusCode()).as(promoted.body()).isEqualTo(204);
		assertThat(this.userStore.findById(user.id()).orElseThrow().roles()).containsExactly("USER", "ADMIN");
		JsonNode changed = this.events.await(user.id().toString(), EventTypes.ROLES_CHANGED);
		assertThat(changed.path("data").path("roles").toString()).isEqualTo("[\"USER\",\"ADMIN\"]");
		assertThat(changed.path("data").path("actorId").asString()).isEqualTo(bootstrapAdmin().id().toString());
		assertThat(send("PUT", "/api/admin/users/" + user.id() + "/roles", Map.of("roles", List.of("ROOT")),
				bearer(bootstrapAdmin()))
			.statusCode()).isEqualTo(400);

		User admin = bootstrapAdmin();
		List<UUID> others = this.jdbc.queryForList("""
				select id from app_user where 'ADMIN' = any(roles) and status = 'ACTIVE' and id <> ?""", UUID.class,
				admin.id());
		others.forEach((id) -> this.jdbc.update("update app_user set status = 'DISABLED' where id = ?", id));
		try {
			HttpResponse<String> demoted = send("PUT", "/api/admin/users/" + admin.id() + "/roles",
					Map.of("roles", List.of("USER")), bearer(admin));
			assertThat(demoted.statusCode()).isEqualTo(409);
			assertThat(demoted.body()).contains("\"code\":\"last_administrator\"");
		}
		finally {
			others.forEach((id) -> this.jdbc.update("update app_user set status = 'ACTIVE' where id = ?", id));
		}
		assertThat(this.userStore.findById(admin.id()).orElseThrow().roles()).contains("ADMIN");
	}

	@Test
	void anAdministratorDemotedOrDisabledMeanwhileCannotActNorUndoItWithTheSessionTheyStillHold() {
		User former = this.users.create(uniqueEmail(), "Former Admin", List.of(Roles.USER, Roles.ADMIN),
				strongPassword(), false, "test");
		User target = newUser(uniqueEmail(), strongPassword());
		// The session still says ADMIN (its grant is from the sign-in); the account no
		// longer is one.
		String stillClaimsAdmin = bearer(former);
		this.jdbc.update("update app_user set roles = '{USER}' where id = ?", former.id());

		HttpResponse<String> disabling = send("POST", "/api/admin/users/" + target.id() + "/disable", null,
				stillClaimsAdmin);
		HttpResponse<String> undoing = send("PUT", "/api/admin/users/" + former.id() + "/roles",
				Map.of("roles", List.of("USER", "ADMIN")), stillClaimsAdmin);

		assertThat(disabling.statusCode()).isEqualTo(403);
		assertThat(undoing.statusCode()).isEqualTo(403);
		assertThat(this.userStore.findById(former.id()).orElseThrow().roles()).containsExactly("USER");
		assertThat(this.userStore.findById(target.id()).orElseThrow().status()).isEqualTo(UserStatus.ACTIVE);
	}

	@Test
	void aUserDisabledBetweenThePasswordAndTheCodeIsNotSignedIn() {
		String email = uniqueEmail();
		String password = strongPassword();
		User user = newUser(email, password);
		String secret = turnOnTwoFactor(user);
		String mfaToken = read(login(email, password)).path("mfaToken").asString();

		assertThat(act(user, "disable").statusCode()).isEqualTo(204);
		HttpResponse<String> secondStep = send("POST", "/api/auth/login/mfa",
				Map.of("mfaToken", mfaToken, "code", totp(secret, 0)), signingIn());

		assertThat(secondStep.statusCode()).isEqualTo(401);
		assertThat(secondStep.body()).contains("\"code\":\"mfa_token_invalid\"");
	}

	@Test
	void aRequiredPasswordChangeHoldsTheNextSignInToIt() {
		String email = uniqueEmail();
		String password = strongPassword();
		User user = newUser(email, password);

		assertThat(act(user, "require-password-change").statusCode()).isEqualTo(204);

		assertThat(read(login(email, password)).path("passwordChangeRequired").asBoolean()).isTrue();
		JsonNode required = this.events.await(user.id().toString(), EventTypes.PASSWORD_CHANGE_REQUIRED);
		assertThat(required.path("data").path("actorId").asString()).isEqualTo(bootstrapAdmin().id().toString());
	}

	@Test
	void removingTwoFactorLetsTheUserSignInWithThePasswordAndSetItUpAgain() {
		String email = uniqueEmail();
		String password = strongPassword();
		User user = newUser(email, password);
		String secret = turnOnTwoFactor(user);
		assertThat(read(login(email, password)).path("status").asString()).isEqualTo("MFA_REQUIRED");

		assertThat(act(user, "two-factor/reset").statusCode()).isEqualTo(204);

		assertThat(read(login(email, password)).path("status").asString()).isEqualTo("AUTHENTICATED");
		this.events.await(user.id().toString(), EventTypes.TWO_FACTOR_RESET);
		HttpResponse<String> again = act(user, "two-factor/reset");
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(again.body()).contains("\"code\":\"two_factor_not_enabled\"");
	}

	@Test
	void administratorsFindUsersByPartOfTheirAddressAndSeeWhenTheyLastSignedIn() {
		String marker = UUID.randomUUID().toString().substring(0, 8);
		String password = strongPassword();
		User user = newUser("Find-" + marker + "@Example.test", password);
		String path = "/api/admin/users/" + user.id();

		assertThat(read(send("GET", path, null, bearer(bootstrapAdmin()))).path("lastSignInAt").isNull()).isTrue();
		assertThat(login(user.email(), password).statusCode()).isEqualTo(200);
		JsonNode detail = read(send("GET", path, null, bearer(bootstrapAdmin())));
		assertThat(detail.path("lastSignInAt").asString()).isNotBlank();
		assertThat(detail.path("email").asString()).isEqualTo(user.email());
		// The session count is session-service's answer; token-service is not running
		// here, so its count is unknown rather than the view failing.
		assertThat(detail.path("activeSessions").asInt()).isEqualTo(2);
		assertThat(detail.has("activeTokens")).isTrue();
		assertThat(detail.path("activeTokens").isNull()).isTrue();
		assertThat(SESSIONS.calls("GET", "/internal/users/" + user.id() + "/sessions/count")).isNotEmpty();

		JsonNode found = read(
				send("GET", "/api/admin/users?email=find-" + marker.toUpperCase(), null, bearer(bootstrapAdmin())));
		assertThat(found.path("total").asLong()).isEqualTo(1);
		assertThat(found.path("users").get(0).path("id").asString()).isEqualTo(user.id().toString());
		assertThat(
				read(send("GET", "/api/admin/users?email=nobody-" + UUID.randomUUID(), null, bearer(bootstrapAdmin())))
					.path("total")
					.asLong())
			.isZero();
		assertThat(send("GET", "/api/admin/users/" + UUID.randomUUID(), null, bearer(bootstrapAdmin())).body())
			.contains("\"code\":\"user_not_found\"");
	}

	@Test
	void everyActionNeedsARecentSignInAndAnExistingUser() {
		User user = newUser(uniqueEmail(), strongPassword());
		String stale = bearer(bootstrapAdmin(), "adminSession0000000002", Instant.now().minus(Duration.ofMinutes(16)));
		List<String> refused = new ArrayList<>();
		for (String action : List.of("disable", "enable", "require-password-change", "two-factor/reset")) {
			HttpResponse<String> old = send("POST", "/api/admin/users/" + user.id() + "/" + action, null, stale);
			HttpResponse<String> unknown = send("POST", "/api/admin/users/" + UUID.randomUUID() + "/" + action, null,
					bearer(bootstrapAdmin()));
			if (old.statusCode() == 403 && old.body().contains("reauthentication_required")
					&& unknown.statusCode() == 404 && unknown.body().contains("user_not_found")) {
				refused.add(action);
			}
		}
		assertThat(refused).containsExactly("disable", "enable", "require-password-change", "two-factor/reset");
	}

	private HttpResponse<String> act(User user, String action) {
		return send("POST", "/api/admin/users/" + user.id() + "/" + action, null, bearer(bootstrapAdmin()));
	}

}
