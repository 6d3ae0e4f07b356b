package dev.warden.auth.password;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import dev.warden.auth.AuthIntegrationTest;
import dev.warden.auth.password.expiry.PasswordExpiry;
import dev.warden.auth.password.policy.PasswordPolicy;
import dev.warden.auth.password.policy.PasswordPolicyService;
import dev.warden.auth.user.User;
import dev.warden.event.EventTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * Warnings 14, 7 and 1 days before a password reaches the maximum age, then the expiry
 * itself; each once.
 */
class PasswordExpiryIT extends AuthIntegrationTest {

	@Autowired
	PasswordPolicyService policies;

	@Autowired
	PasswordExpiry expiry;

	@AfterEach
	void defaultPolicy() {
		this.policies.change(PasswordPolicy.DEFAULT, "test");
	}

	@Test
	void warnsFourteenSevenAndOneDayBeforeThenReportsTheExpiryEachOnce() {
		User user = newUser(uniqueEmail(), strongPassword());
		this.policies.change(maxAge(30), "test");
		String id = user.id().toString();

		this.expiry.sendDueNotices();
		assertThat(this.events.find(id, EventTypes.PASSWORD_EXPIRING_SOON)).isEmpty();

		this.clock.advance(Duration.ofDays(16).plusHours(1));
		this.expiry.sendDueNotices();
		this.expiry.sendDueNotices();
		this.clock.advance(Duration.ofDays(7));
		this.expiry.sendDueNotices();
		this.clock.advance(Duration.ofDays(6));
		this.expiry.sendDueNotices();
		this.clock.advance(Duration.ofDays(1));
		this.expiry.sendDueNotices();
		this.expiry.sendDueNotices();

		List<JsonNode> warnings = org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> this.events.find(id, EventTypes.PASSWORD_EXPIRING_SOON), (found) -> found.size() >= 3);
		this.events.await(id, EventTypes.PASSWORD_EXPIRED);
		assertThat(warnings.stream().map((event) -> event.get("data").get("daysLeft").asInt())).containsExactly(14, 7,
				1);
		assertThat(warnings.get(0).get("data").get("email").asString()).isEqualTo(user.email());
		assertThat(this.events.find(id, EventTypes.PASSWORD_EXPIRED)).hasSize(1);
	}

	@Test
	void sendsOnlyTheMostUrgentWarningWhenThePolicyIsSwitchedOnLate() {
		User user = newUser(uniqueEmail(), strongPassword());
		this.clock.advance(Duration.ofDays(25));
		this.policies.change(maxAge(30), "test");
		String id = user.id().toString();

		this.expiry.sendDueNotices();
		this.clock.advance(Duration.ofDays(1));
		this.expiry.sendDueNotices();

		JsonNode warning = this.events.await(id, EventTypes.PASSWORD_EXPIRING_SOON);
		assertThat(warning.get("data").get("daysLeft").asInt()).isEqualTo(5);
		assertThat(this.events.find(id, EventTypes.PASSWORD_EXPIRING_SOON)).hasSize(1);
	}

	private static PasswordPolicy maxAge(int days) {
		PasswordPolicy d = PasswordPolicy.DEFAULT;
		return new PasswordPolicy(d.minLength(), d.minLengthWithTwoFactor(), d.maxLength(), d.rejectCommon(),
				d.minStrength(), d.rejectUserInfo(), d.historySize(), d.minUppercase(), d.minLowercase(), d.minDigits(),
				d.minSpecial(), days, d.minAgeHours(), d.twoFactorRequiredFor());
	}

}
