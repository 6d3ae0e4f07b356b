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

		final LocalSuite suite;

		/** The gateways this user may use; the first is the one used while it answers. */
		final List<String> gateways;

		volatile String gateway;

		volatile String password;

		volatile String cookie;

		int signIns;

		int passwordChanges;

		int tokensCreated;

		int tokensRevoked;

		/**
		 * Sign-ins whose answer was lost (a replica killed while it worked on it): each
		 * may or may not have happened.
		 */
		int uncertainSignIns;

		/**
		 * Answers that were a 503 problem with {@code Retry-After}, or lost on the way.
		 */
		int interrupted;

		User(String email, String password, LocalSuite suite, List<String> gateways) {
			this.email = email;
			this.password = password;
			this.suite = suite;
			this.gateways = List.copyOf(gateways);
			this.gateway = gateways.get(0);
		}

		/**
		 * Occurrences of an event type in this user's own security log, read through the
		 * gateway.
		 */
		int inLog(String type) throws Exception {
			HttpResponse<String> page = SharedSuite.withCookie("GET",
					this.gateway + "/api/security/log?limit=200&type=" + type, this.cookie, null);
			assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
			String needle = "\"type\":\"" + type + "\"";
			String body = page.body();
			return (body.length() - body.replace(needle, "").length()) / needle.length();
		}

		int mails(String subject) throws Exception {
			return SharedSuite.mailsTo(this.suite, this.email, subject);
		}

		/**
		 * Moves to the next gateway, as a load balancer in front does when one is gone.
		 */
		void nextGateway() {
			this.gateway = this.gateways.get((this.gateways.indexOf(this.gateway) + 1) % this.gateways.size());
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
		LocalSuite suite = SharedSuite.get();
		return users(suite, List.of(suite.url(WardenService.GATEWAY)), prefix, count);
	}

	/**
	 * {@code count} users of this suite; user {@code i} works through gateway
	 * {@code i % gateways.size()} (and moves to the next when that one is gone).
	 */
	static List<User> users(LocalSuite suite, List<String> gateways, String prefix, int count) throws Exception {
		String admin = SharedSuite.sessionCookie(
				SharedSuite.login(gateways.get(0), SharedSuite.ADMIN_EMAIL, SharedSuite.ADMIN_PASSWORD, LAPTOP));
		List<User> users = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			List<String> order = new ArrayList<>(gateways);
			java.util.Collections.rotate(order, -(i % gateways.size()));
			User user = new User(
					prefix + "." + i + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.test",
					"granite " + RandomSecrets.generate(16) + " river", suite, order);
			SharedSuite.createUser(user.gateway, admin, user.email, "Load Tester", user.password);
			// Creating the user signed in once with the temporary password and replaced
			// it.
			user.signIns++;
			user.passwordChanges++;
			user.cookie = SharedSuite.sessionCookie(SharedSuite.login(user.gateway, user.email, user.password, LAPTOP));
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
		run(users, duration, pause, false);
	}

	/**
	 * As {@link #run(List, Duration, Duration)}; {@code interruptible} when replicas are
	 * killed under the load: an answer lost with its replica, or a 503 problem with
	 * {@code Retry-After} (all the contract allows then), is resolved instead of failing
	 * the test — the user asks again, or finds out whether the change happened — and
	 * counted.
	 */
	static void run(List<User> users, Duration duration, Duration pause, boolean interruptible) throws Exception {
		long until = System.nanoTime() + duration.toNanos();
		ExecutorService threads = Executors.newFixedThreadPool(users.size());
		try {
			List<Future<?>> running = new ArrayList<>();
			for (User user : users) {
				running.add(threads.submit(() -> {
					while (System.nanoTime() < until) {
						if (interruptible) {
							interruptibleRound(user);
						}
						else {
							round(user);
						}
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
		String gateway = user.gateway;
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

		HttpResponse<String> phone = SharedSuite.login(gateway, user.email, user.password, PHONE);
		assertThat(phone.statusCode()).as(user.email + " sign-in: " + phone.body()).isEqualTo(200);
		user.signIns++;
		HttpResponse<String> out = SharedSuite.withCookie("POST", gateway + "/api/auth/logout",
				SharedSuite.sessionCookie(phone), null);
		assertThat(out.statusCode()).as(user.email + " sign-out: " + out.body()).isEqualTo(204);
	}

	/**
	 * {@link #round(User)} while replicas may be killed. Each step that gets an answer
	 * must get the answer {@link #round(User)} wants; a lost answer or a 503 problem with
	 * {@code Retry-After} is resolved: a read or a revocation is asked again, a password
	 * change is found out by signing in with the new password, a token by the list of
	 * tokens; only a lost sign-in stays uncertain (counted, and bounded by the test).
	 */
	static void interruptibleRound(User user) throws Exception {
		String fresh = "lighter " + RandomSecrets.generate(16) + " meadow";
		Answer changed = attempt(user, "POST", "/api/security/password", "{\"currentPassword\":\"" + user.password
				+ "\",\"newPassword\":\"" + fresh + "\",\"confirmPassword\":\"" + fresh + "\"}");
		if (changed.lost()) {
			// Did it happen? The new password signs in only if it did. A change the
			// gateway stopped waiting for (its time limit) may still be finishing: give
			// it
			// time first, and ask again while neither password works.
			Thread.sleep(SETTLE.toMillis());
			Answer signedIn = null;
			for (int attempt = 0; attempt < 10 && signedIn == null; attempt++) {
				Answer withFresh = signInAnswered(user, fresh);
				if (withFresh.status() == 200) {
					user.password = fresh;
					user.passwordChanges++;
					signedIn = withFresh;
				}
				else {
					Answer withOld = signInAnswered(user, user.password);
					signedIn = withOld.status() == 200 ? withOld : null;
				}
				if (signedIn == null) {
					Thread.sleep(1_000);
				}
			}
			assertThat(signedIn).as(user.email + ": neither the old nor the new password signs in").isNotNull();
			user.cookie = SharedSuite.sessionCookie(signedIn.response());
			user.signIns++;
			return;
		}
		definite(changed, 204);
		user.password = fresh;
		user.cookie = SharedSuite.sessionCookie(changed.response());
		user.passwordChanges++;

		String name = "load " + UUID.randomUUID();
		Answer token = attempt(user, "POST", "/api/security/tokens",
				"{\"name\":\"" + name + "\",\"validityMonths\":1,\"role\":\"USER\"}");
		String tokenId;
		if (token.lost()) {
			Thread.sleep(SETTLE.toMillis());
			tokenId = tokenNamed(user, name);
			if (tokenId == null) {
				return;
			}
		}
		else {
			Matcher id = ID.matcher(definite(token, 201).response().body());
			assertThat(id.find()).as(token.response().body()).isTrue();
			tokenId = id.group(1);
		}
		user.tokensCreated++;
		Answer revoked;
		do {
			revoked = attempt(user, "DELETE", "/api/security/tokens/" + tokenId, null);
		}
		while (revoked.lost());
		// A revocation that was carried out before its answer was lost is found done.
		assertThat(revoked.status()).as(user.email + " revoke: " + revoked.response().body()).isIn(204, 404);
		user.tokensRevoked++;

		Answer phone = signIn(user, user.password, PHONE);
		if (phone.lost()) {
			user.uncertainSignIns++;
			return;
		}
		definite(phone, 200);
		user.signIns++;
		Answer out;
		do {
			out = attempt(user, "POST", "/api/auth/logout", null, SharedSuite.sessionCookie(phone.response()));
		}
		while (out.lost());
	}

	/**
	 * How long a change whose answer was lost may still be finishing at its service (the
	 * gateway's time limit gave up on it, the service did not).
	 */
	private static final Duration SETTLE = Duration.ofSeconds(3);

	/** An answer, or none (lost with a killed replica, or a 503 problem). */
	record Answer(int status, HttpResponse<String> response) {

		boolean lost() {
			return this.status == 0 || this.status == 503;
		}

	}

	private static Answer attempt(User user, String method, String path, String json) throws Exception {
		return attempt(user, method, path, json, user.cookie);
	}

	private static Answer attempt(User user, String method, String path, String json, String cookie) throws Exception {
		return answer(user, () -> SharedSuite.withCookie(method, user.gateway + path, cookie, json));
	}

	/** Signs in once through the user's gateway. */
	private static Answer signIn(User user, String password, String userAgent) throws Exception {
		return answer(user, () -> SharedSuite.login(user.gateway, user.email, password, userAgent));
	}

	/**
	 * The answer to one request; a 503 must be a problem with {@code Retry-After}, and a
	 * gateway that is gone sends the user to the other, as a load balancer would.
	 */
	private static Answer answer(User user, java.util.concurrent.Callable<HttpResponse<String>> request)
			throws Exception {
		try {
			HttpResponse<String> response = request.call();
			if (response.statusCode() == 503) {
				assertThat(response.headers().firstValue("Retry-After")).as(response.body()).isPresent();
				assertThat(response.headers().firstValue("Content-Type").orElse(""))
					.contains("application/problem+json");
				interrupted(user);
			}
			return new Answer(response.statusCode(), response);
		}
		catch (java.io.IOException ex) {
			user.nextGateway();
			interrupted(user);
			return new Answer(0, null);
		}
	}

	private static void interrupted(User user) throws InterruptedException {
		user.interrupted++;
		Thread.sleep(200);
	}

	/**
	 * Signs in on the laptop until an answer comes; each lost try is an uncertain
	 * sign-in.
	 */
	private static Answer signInAnswered(User user, String password) throws Exception {
		Answer answer = signIn(user, password, LAPTOP);
		while (answer.lost()) {
			user.uncertainSignIns++;
			answer = signIn(user, password, LAPTOP);
		}
		return answer;
	}

	private static Answer definite(Answer answer, int expected) {
		assertThat(answer.status()).as(answer.response() == null ? "no answer" : answer.response().body())
			.isEqualTo(expected);
		return answer;
	}

	/** The id of the user's token with this name, or {@code null}. */
	private static String tokenNamed(User user, String name) throws Exception {
		Answer list;
		do {
			list = attempt(user, "GET", "/api/security/tokens", null);
		}
		while (list.lost());
		String body = definite(list, 200).response().body();
		int at = body.indexOf("\"name\":\"" + name + "\"");
		if (at < 0) {
			return null;
		}
		int start = body.lastIndexOf('{', at);
		Matcher id = ID.matcher(body.substring(start));
		return id.find() ? id.group(1) : null;
	}

}
