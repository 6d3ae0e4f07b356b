package dev.warden.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * The operator's way back when no administrator can sign in: auth-service run as a
 * command against the running suite's database, each action in the user's security log
 * and mailbox.
 */
class BreakGlassIT {

	private static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0";

	@Test
	void theOperatorEnablesADisabledUserAndSetsATemporaryPasswordBothOnRecord() throws Exception {
		LocalSuite suite = SharedSuite.get();
		String gateway = suite.url(WardenService.GATEWAY);
		String admin = SharedSuite
			.sessionCookie(SharedSuite.login(SharedSuite.ADMIN_EMAIL, SharedSuite.ADMIN_PASSWORD, BROWSER));
		String email = "glass." + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
		String password = "amber " + RandomSecrets.generate(16) + " lighthouse";
		SharedSuite.createUser(admin, email, "Quinn Tester", password);
		String id = SharedSuite.withCookie("GET", gateway + "/api/admin/users?email=" + email, admin, null)
			.body()
			.replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1");
		assertThat(SharedSuite.withCookie("POST", gateway + "/api/admin/users/" + id + "/disable", admin, null)
			.statusCode()).isEqualTo(204);
		assertThat(SharedSuite.login(email, password, BROWSER).statusCode()).isEqualTo(401);

		ServiceProcess.CommandResult unlocked = suite.admin(List.of("admin", "unlock", email));

		assertThat(unlocked.status()).as(unlocked.output()).isZero();
		assertThat(unlocked.output()).contains(email + " is active");
		assertThat(SharedSuite.login(email, password, BROWSER).statusCode()).isEqualTo(200);

		ServiceProcess.CommandResult reset = suite.admin(List.of("admin", "reset-password", email));

		assertThat(reset.status()).as(reset.output()).isZero();
		String temporary = reset.output()
			.lines()
			.map(String::strip)
			.filter((line) -> line.matches("([a-z2-7]{4}-){5}[a-z2-7]{4}"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no temporary password in: " + reset.output()));
		HttpResponse<String> withTemporary = SharedSuite.login(email, temporary, BROWSER);
		assertThat(withTemporary.statusCode()).isEqualTo(200);
		assertThat(withTemporary.body()).contains("\"passwordChangeRequired\":true");
		assertThat(SharedSuite.login(email, password, BROWSER).statusCode()).isEqualTo(401);

		assertThat(SharedSuite.awaitMailText(email, "Choose a new password at your next sign-in"))
			.contains("break-glass");
		long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
		String log = "";
		while (System.nanoTime() < deadline && !(log.contains("Account enabled again by an administrator")
				&& log.contains("New password required by an administrator"))) {
			Thread.sleep(200);
			log = SharedSuite.withCookie("GET", gateway + "/api/admin/security-log?userId=" + id, admin, null).body();
		}
		assertThat(log).contains("Account enabled again by an administrator")
			.contains("New password required by an administrator")
			.contains("\"actorId\":\"operator\"");
	}

	@Test
	void anUnknownAddressOrAMistypedCommandChangesNothingAndSaysWhy() {
		LocalSuite suite = SharedSuite.get();

		ServiceProcess.CommandResult unknown = suite.admin(List.of("admin", "unlock", "nobody@example.test"));
		ServiceProcess.CommandResult mistyped = suite.admin(List.of("admin", "delete", "nobody@example.test"));

		assertThat(unknown.status()).as(unknown.output()).isEqualTo(1);
		assertThat(unknown.output()).contains("No user has the address nobody@example.test.");
		assertThat(mistyped.status()).isEqualTo(2);
		assertThat(mistyped.output()).contains("Usage: admin unlock EMAIL | admin reset-password EMAIL");
	}

}
