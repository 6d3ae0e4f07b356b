package dev.warden.audit.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.warden.event.session.SessionRevoked;
import dev.warden.event.auth.UserCreated;
import dev.warden.event.auth.SecondFactorFailed;
import dev.warden.event.auth.LoginFailed;
import dev.warden.event.auth.LoginSucceeded;
import dev.warden.event.auth.PasskeyCloneSuspected;
import dev.warden.event.auth.PasskeyRegistered;
import dev.warden.event.EventData;
import dev.warden.event.ByActor;
import dev.warden.event.EventTypes;
import org.junit.jupiter.api.Test;

/** The one-line summaries of the security log. */
class SummariesTest {

	@Test
	void aSpentBudgetOfOneTimeCodesReadsAsASecondStepFailedAfterACorrectPassword() {
		Map<String, Object> data = EventData.of(new SecondFactorFailed("u@example.test", "U", null, "203.0.113.7", null,
				5, Instant.parse("2026-11-26T10:30:00Z")));

		assertThat(Summaries.of(EventTypes.SECOND_FACTOR_FAILED, data))
			.isEqualTo("Second step failed too often after a correct password from 203.0.113.7");
		assertThat(Attribution.of(EventTypes.SECOND_FACTOR_FAILED, "u1", data).outcome())
			.isEqualTo(Attribution.FAILURE);
	}

	@Test
	void aWrongOneTimeCodeReadsAsSuchAndAWrongPasswordAsAFailedSignIn() {
		Map<String, Object> code = EventData
			.of(new LoginFailed("u@example.test", "U", null, "203.0.113.7", null, 1, "wrong_code"));
		Map<String, Object> password = EventData
			.of(new LoginFailed("u@example.test", "U", null, "203.0.113.7", null, 1, "wrong_password"));

		assertThat(Summaries.of(EventTypes.LOGIN_FAILED, code)).isEqualTo("Wrong authentication code from 203.0.113.7");
		assertThat(Summaries.of(EventTypes.LOGIN_FAILED, password))
			.isEqualTo("Failed sign-in attempt from 203.0.113.7");
	}

	@Test
	void aPasswordResetReadsAsSuchFromItsRequestToAWrongCodeToItsUse() {
		Map<String, Object> wrong = EventData
			.of(new LoginFailed("u@example.test", "U", null, "203.0.113.7", null, 1, "reset_code_invalid"));

		assertThat(Summaries.of(EventTypes.LOGIN_FAILED, wrong))
			.isEqualTo("Wrong password reset code from 203.0.113.7");
		assertThat(Summaries.of(EventTypes.PASSWORD_RESET_REQUESTED, Map.of("ip", "203.0.113.7")))
			.isEqualTo("Password reset code requested from 203.0.113.7");
		assertThat(Summaries.of(EventTypes.PASSWORD_RESET, Map.of("ip", "203.0.113.7")))
			.isEqualTo("Password reset with the mailed code from 203.0.113.7");
	}

	@Test
	void passkeysAreNamedAndASignInSaysWhenOneWasUsed() {
		Map<String, Object> alone = EventData.of(new LoginSucceeded("u@example.test", "U", null, "203.0.113.7", null,
				"s1", List.of("hwk"), false, false, false, true));
		Map<String, Object> after = EventData.of(new LoginSucceeded("u@example.test", "U", null, "203.0.113.7", null,
				"s1", List.of("pwd", "swk"), false, false, false, true));
		Map<String, Object> withCode = EventData.of(new LoginSucceeded("u@example.test", "U", null, "203.0.113.7", null,
				"s1", List.of("pwd", "otp"), false, false, false, null));
		Map<String, Object> copied = EventData
			.of(new PasskeyCloneSuspected("u@example.test", "U", null, "203.0.113.7", null, "p1", "YubiKey", 41, 12));

		assertThat(Summaries.of(EventTypes.LOGIN_SUCCEEDED, alone))
			.isEqualTo("Signed in with a passkey from 203.0.113.7");
		assertThat(Summaries.of(EventTypes.LOGIN_SUCCEEDED, after))
			.isEqualTo("Signed in with the password and a passkey from 203.0.113.7");
		assertThat(Summaries.of(EventTypes.LOGIN_SUCCEEDED, withCode)).isEqualTo("Signed in from 203.0.113.7");
		assertThat(Summaries.of(EventTypes.PASSKEY_REGISTERED,
				EventData.of(new PasskeyRegistered("u@example.test", "U", null, "203.0.113.7", null, "p1", "YubiKey"))))
			.isEqualTo("Passkey \"YubiKey\" added from 203.0.113.7");
		assertThat(Summaries.of(EventTypes.PASSKEY_CLONE_SUSPECTED, copied)).startsWith("Passkey \"YubiKey\" refused");
		assertThat(Attribution.of(EventTypes.PASSKEY_CLONE_SUSPECTED, "u1", copied).outcome())
			.isEqualTo(Attribution.FAILURE);
	}

	@Test
	void anAdministratorsActionSaysSoAndIsTheirs() {
		Map<String, Object> data = Map.of("actorId", "admin-1", "actorName", "Grace Hopper", "email", "u@example.test");

		assertThat(Summaries.of(EventTypes.ACCOUNT_DISABLED, data)).isEqualTo("Account disabled by an administrator");
		assertThat(Summaries.of(EventTypes.TWO_FACTOR_RESET, data))
			.isEqualTo("Two-factor authentication removed by an administrator");
		Attribution by = Attribution.of(EventTypes.ACCOUNT_DISABLED, "user-1", data);
		assertThat(by.actorType()).isEqualTo(Attribution.ADMIN);
		assertThat(by.actorId()).isEqualTo("admin-1");
	}

	@Test
	void aSessionEventSaysFromWhichDeviceAndAnAccountCreatedByAnAdministratorIsTheirs() {
		Map<String, Object> session = EventData
			.of(new SessionRevoked("u1", "s1", "198.51.100.4", null, "Firefox", "Linux", "desktop", "user"));
		Map<String, Object> created = EventData
			.of(new UserCreated("u1", "u@example.test", "U", List.of("USER"), "admin-7", null));
		Map<String, Object> bootstrap = EventData
			.of(new UserCreated("u1", "u@example.test", "U", List.of("ADMIN"), ByActor.SYSTEM, null));

		assertThat(Summaries.of(EventTypes.SESSION_REVOKED, session))
			.isEqualTo("Session ended (user) from Firefox on Linux, 198.51.100.4");
		assertThat(Attribution.of(EventTypes.USER_CREATED, "u1", created).actorType()).isEqualTo(Attribution.ADMIN);
		assertThat(Attribution.of(EventTypes.USER_CREATED, "u1", created).actorId()).isEqualTo("admin-7");
		assertThat(Attribution.of(EventTypes.USER_CREATED, "u1", bootstrap).actorType()).isEqualTo(Attribution.SYSTEM);
	}

	@Test
	void anEntryWhoseDataIsNotItsTypesShapeStillReadsAsASentence() {
		assertThat(Summaries.of(EventTypes.TOKEN_CREATED, Map.of("name", 42))).isEqualTo("API token \"?\" created");
		assertThat(Attribution.of(EventTypes.TOKEN_CREATED, "u1", Map.of()).actorType()).isEqualTo(Attribution.USER);
	}

}
