package dev.warden.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import dev.warden.launcher.UserLoad.User;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Kafka stops for 30 s while users change their passwords, create and revoke API tokens
 * and sign in and out through the gateway, concurrently. Every change succeeds (it
 * commits with its event in the outbox), and once Kafka is back every event reaches the
 * security log exactly once and every mail is sent exactly once — counted per user and
 * per kind. At the end a revocation still reaches the gateway, so the consumers have all
 * recovered.
 */
class KafkaOutageSuiteIT {

	private static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0";

	private static LocalSuite suite;

	@BeforeAll
	static void startSuite() {
		suite = SharedSuite.get();
	}

	@Test
	void everyEventAndMailOfAnOutageArrivesExactlyOnceWhenKafkaIsBack() throws Exception {
		String gateway = suite.url(WardenService.GATEWAY);
		List<User> users = UserLoad.users("outage", 4);

		suite.infrastructure().kafka().stop();
		try {
			UserLoad.run(users, Duration.ofSeconds(30), Duration.ofMillis(1000));
		}
		finally {
			suite.infrastructure().kafka().restart();
		}

		FaultsSuiteIT.awaitEveryMail(users, Duration.ofSeconds(150));
		FaultsSuiteIT.assertEveryEventLoggedOnce(users);
		for (User user : users) {
			assertThat(user.passwordChanges).as("the load did something").isGreaterThan(2);
			assertThat(user.mails(UserLoad.PASSWORD_MAIL)).as(user + " password mails").isEqualTo(user.passwordChanges);
			assertThat(user.mails(UserLoad.TOKEN_MAIL)).as(user + " token mails").isEqualTo(user.tokensCreated);
		}

		// The revocation path works again: a phone session ended from the laptop is
		// refused at the gateway long
		// before its 120 s cache entry would expire — only the session.revoked event can
		// do that.
		User first = users.get(0);
		String phone = SharedSuite.sessionCookie(SharedSuite.login(first.email, first.password, FIREFOX));
		assertThat(SharedSuite.withCookie("GET", gateway + "/api/me", phone, null).statusCode()).isEqualTo(200);
		HttpResponse<String> ended = SharedSuite.withCookie("POST", gateway + "/api/security/sessions/end-others",
				first.cookie, null);
		assertThat(ended.statusCode()).as(ended.body()).isEqualTo(200);
		long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		int status = 200;
		while (System.nanoTime() < until && status != 401) {
			Thread.sleep(100);
			status = SharedSuite.withCookie("GET", gateway + "/api/me", phone, null).statusCode();
		}
		assertThat(status).as("the gateway heard the revocation after the outage").isEqualTo(401);
	}

}
