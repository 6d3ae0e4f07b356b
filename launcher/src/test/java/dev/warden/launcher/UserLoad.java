package dev.warden.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Concurrent users doing what users do on the Security page, through the gateway, while a
 * test breaks a part of the suite: each user, in a loop, changes the password, creates an
 * API token and revokes it, and signs in and out on a second device. Every user counts
 * what succeeded, so a test can check that the security log and the mailbox hold exactly
 * that much — not one event or mail less or more.
 */
final class UserLoad {

	static final String PASSWORD_MAIL = "Users - Your system password has been changed";

	static final String TOKEN_MAIL = "A new API token was created";

	private static final String LAPTOP = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
			+ "(KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";

	private static final String PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 "
			+ "(KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1";

	private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

	/** One user of the load and what it did successfully. */
	static final class User {

		final String email;

		volatile String password;

		volatile String cookie;

		int signIns;

		int passwordChanges;

		int tokensCreated;

		int tokensRevoked;

		User(String email, String password) {
			this.email = email;
			this.password = password;
		}

		/**
		 * Occurrences of an event type in this user's own security log, read through the
		 * gateway.
		 */
		int inLog(String type) throws Exception {
			HttpResponse<String> page = SharedSuite.withCookie("GET",
					SharedSuite.get().url(WardenService.GATEWAY) + "/api/security/log?limit=200&type=" + type,
					this.cookie, null);
			assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
			String needle = "\"type\":\"" + type + "\"";
			String body = page.body();
			return (body.length() - body.replace(needle, "").length()) / needle.length();
		}

		int mails(String subject) throws Exception {
			return SharedSuite.mailsTo(this.email, subject);
		}

		@Override
		public String toString() {
			return this.email + " (sign-ins " + this.signIns + ", password changes " + this.passwordChanges
					+ ", tokens " + this.tokensCreated + "/" + this.tokensRevoked + ")";
		}

	}

	private UserLoad() {
	}

	/**
	 * Creates {@code count} users through the administration API and signs each in once
	 * on the laptop.
	 */
	static List<User> users(String prefix, int count) throws Exception {
		String gateway = SharedSuite.get().url(WardenService.GATEWAY);
		String admin = SharedSuite
			.sessionCookie(SharedSuite.login(SharedSuite.ADMIN_EMAIL, SharedSuite.ADMIN_PASSWORD, LAPTOP));
		List<User> users = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			User user = new User(
					prefix + "." + i + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.test",
					"granite " + RandomSecrets.generate(16) + " river");
			SharedSuite.createUser(admin, user.email, "Load Tester", user.password);
			// Creating the user signed in once with the temporary password and replaced
			// it.
			user.signIns++;
			user.passwordChanges++;
			user.cookie = SharedSuite.sessionCookie(SharedSuite.login(user.email, user.password, LAPTOP));
			user.signIns++;
			users.add(user);
		}
		return users;
	}

	/**
	 * Runs every user's loop in a thread of its own for {@code duration}, a pause between
	 * rounds, and fails if any action of the load is refused: the faults under test must
	 * not cost a user a change.
	 */
	static void run(List<User> users, Duration duration, Duration pause) throws Exception {
		long until = System.nanoTime() + duration.toNanos();
		ExecutorService threads = Executors.newFixedThreadPool(users.size());
		try {
			List<Future<?>> running = new ArrayList<>();
			for (User user : users) {
				running.add(threads.submit(() -> {
					while (System.nanoTime() < until) {
						round(user);
						Thread.sleep(pause.toMillis());
					}
					return null;
				}));
			}
			for (Future<?> each : running) {
				each.get();
			}
			users.forEach((user) -> System.out.println("load: " + user));
		}
		finally {
			threads.shutdownNow();
		}
	}

	/**
	 * One round of one user; each step is counted only once its answer says it happened.
	 */
	static void round(User user) throws Exception {
		String gateway = SharedSuite.get().url(WardenService.GATEWAY);
		String fresh = "lighter " + RandomSecrets.generate(16) + " meadow";
		HttpResponse<String> changed = SharedSuite.withCookie("POST", gateway + "/api/security/password", user.cookie,
				"{\"currentPassword\":\"" + user.password + "\",\"newPassword\":\"" + fresh
						+ "\",\"confirmPassword\":\"" + fresh + "\"}");
		assertThat(changed.statusCode()).as(user.email + " password change: " + changed.body()).isEqualTo(204);
		user.password = fresh;
		user.cookie = SharedSuite.sessionCookie(changed);
		user.passwordChanges++;

		HttpResponse<String> token = SharedSuite.withCookie("POST", gateway + "/api/security/tokens", user.cookie,
				"{\"name\":\"load " + user.tokensCreated + "\",\"validityMonths\":1,\"role\":\"USER\"}");
		assertThat(token.statusCode()).as(user.email + " token: " + token.body()).isEqualTo(201);
		user.tokensCreated++;
		Matcher id = ID.matcher(token.body());
		assertThat(id.find()).as(token.body()).isTrue();
		HttpResponse<String> revoked = SharedSuite.withCookie("DELETE", gateway + "/api/security/tokens/" + id.group(1),
				user.cookie, null);
		assertThat(revoked.statusCode()).as(user.email + " revoke: " + revoked.body()).isEqualTo(204);
		user.tokensRevoked++;

		HttpResponse<String> phone = SharedSuite.login(user.email, user.password, PHONE);
		assertThat(phone.statusCode()).as(user.email + " sign-in: " + phone.body()).isEqualTo(200);
		user.signIns++;
		HttpResponse<String> out = SharedSuite.withCookie("POST", gateway + "/api/auth/logout",
				SharedSuite.sessionCookie(phone), null);
		assertThat(out.statusCode()).as(user.email + " sign-out: " + out.body()).isEqualTo(204);
	}

}
