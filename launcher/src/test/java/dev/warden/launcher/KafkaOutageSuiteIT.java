package dev.warden.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Kafka stops for 20 s while users change their passwords and create API tokens through the gateway. The
 * changes succeed (they commit with their events in the outbox), and once Kafka is back every event reaches the
 * security log exactly once and every mail is sent exactly once — counted per user and per kind. At the end a
 * revocation still reaches the gateway, so the consumers have all recovered.
 */
class KafkaOutageSuiteIT {

	private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
			+ "(KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";

	private static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0";

	private static final int USERS = 5;

	private static LocalSuite suite;

	@BeforeAll
	static void startSuite() {
		suite = SharedSuite.get();
	}

	private record Account(String email, String password, String laptop, String phone) {
	}

	@Test
	void everyEventAndMailOfAnOutageArrivesExactlyOnceWhenKafkaIsBack() throws Exception {
		String gateway = suite.url(WardenService.GATEWAY);
		List<Account> accounts = new ArrayList<>();
		for (int i = 0; i < USERS; i++) {
			String email = "outage." + i + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
			String password = "granite " + RandomSecrets.generate(16) + " river";
			createUser(gateway, email, password);
			accounts.add(new Account(email, password, SharedSuite.sessionCookie(SharedSuite.login(email, password, CHROME)),
					SharedSuite.sessionCookie(SharedSuite.login(email, password, FIREFOX))));
		}

		long stopped = System.nanoTime();
		suite.infrastructure().kafka().stop();
		List<String> laptops = new ArrayList<>();
		List<String> freshPasswords = new ArrayList<>();
		try {
			for (Account account : accounts) {
				String fresh = "lighter " + RandomSecrets.generate(16) + " meadow";
				freshPasswords.add(fresh);
				HttpResponse<String> changed = SharedSuite.withCookie("POST", gateway + "/api/security/password",
						account.laptop(), "{\"currentPassword\":\"" + account.password() + "\",\"newPassword\":\"" + fresh
								+ "\",\"confirmPassword\":\"" + fresh + "\"}");
				assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);
				laptops.add(SharedSuite.sessionCookie(changed));
				HttpResponse<String> token = SharedSuite.withCookie("POST", gateway + "/api/security/tokens",
						SharedSuite.sessionCookie(changed), "{\"name\":\"during the outage\",\"validityMonths\":1,\"role\":\"USER\"}");
				assertThat(token.statusCode()).as(token.body()).isEqualTo(201);
			}
			long remaining = Duration.ofSeconds(20).toMillis() - (System.nanoTime() - stopped) / 1_000_000;
			Thread.sleep(Math.max(0, remaining));
		}
		finally {
			suite.infrastructure().kafka().restart();
		}

		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		for (int i = 0; i < USERS; i++) {
			Account account = accounts.get(i);
			String laptop = laptops.get(i);
			while (System.nanoTime() < deadline && !(count(gateway, laptop, "warden.password.changed") >= 1
					&& count(gateway, laptop, "warden.token.created") >= 1
					&& SharedSuite.mailsTo(account.email(), "Users - Your system password has been changed") >= 1
					&& SharedSuite.mailsTo(account.email(), "A new API token was created") >= 1)) {
				Thread.sleep(500);
			}
		}
		Thread.sleep(3_000); // long enough for a duplicate to show up
		for (int i = 0; i < USERS; i++) {
			Account account = accounts.get(i);
			String laptop = laptops.get(i);
			assertThat(count(gateway, laptop, "warden.password.changed")).as(account.email() + " password.changed in the log")
				.isEqualTo(1);
			assertThat(count(gateway, laptop, "warden.token.created")).as(account.email() + " token.created in the log")
				.isEqualTo(1);
			assertThat(SharedSuite.mailsTo(account.email(), "Users - Your system password has been changed"))
				.as(account.email() + " password mails").isEqualTo(1);
			assertThat(SharedSuite.mailsTo(account.email(), "A new API token was created"))
				.as(account.email() + " token mails").isEqualTo(1);
		}

		// The revocation path works again: a phone session ended from the laptop is refused at the gateway long
		// before its 120 s cache entry would expire — only the session.revoked event can do that.
		String phone = SharedSuite.sessionCookie(SharedSuite.login(accounts.get(0).email(), freshPasswords.get(0), FIREFOX));
		assertThat(SharedSuite.withCookie("GET", gateway + "/api/me", phone, null).statusCode()).isEqualTo(200);
		HttpResponse<String> ended = SharedSuite.withCookie("POST", gateway + "/api/security/sessions/end-others",
				laptops.get(0), null);
		assertThat(ended.statusCode()).as(ended.body()).isEqualTo(200);
		long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		int status = 200;
		while (System.nanoTime() < until && status != 401) {
			Thread.sleep(100);
			status = SharedSuite.withCookie("GET", gateway + "/api/me", phone, null).statusCode();
		}
		assertThat(status).as("the gateway heard the revocation after the outage").isEqualTo(401);
	}

	private static int count(String gateway, String cookie, String type) throws Exception {
		HttpResponse<String> page = SharedSuite.withCookie("GET", gateway + "/api/security/log?limit=200&type=" + type,
				cookie, null);
		String body = page.body();
		return (body.length() - body.replace("\"type\":\"" + type + "\"", "").length())
				/ ("\"type\":\"" + type + "\"").length();
	}

	private static void createUser(String gateway, String email, String password) throws Exception {
		String admin = SharedSuite.sessionCookie(SharedSuite.login(SharedSuite.ADMIN_EMAIL, SharedSuite.ADMIN_PASSWORD, CHROME));
		HttpResponse<String> created = SharedSuite.withCookie("POST", gateway + "/api/admin/users", admin,
				"{\"email\":\"" + email + "\",\"displayName\":\"Quinn Tester\",\"roles\":[\"USER\"],\"password\":\""
						+ password + "\",\"temporary\":false}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
	}
}
