package dev.warden.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import dev.warden.auth.user.User;
import dev.warden.event.EventTypes;
import dev.warden.infra.test.StoppablePostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * auth-service's PostgreSQL stops: sign-in and password change answer 503 problems (never
 * a 500, never a half-written change), and once the database is back both work and the
 * change's event is published. The database is this test's own server, stopped and
 * started on the same port and data directory.
 */
@TestPropertySource(properties = "spring.datasource.hikari.connection-timeout=1000")
class DatabaseOutageIT extends AuthIntegrationTest {

	private static final StoppablePostgres postgres = new StoppablePostgres("auth");

	@DynamicPropertySource
	static void ownDatabase(DynamicPropertyRegistry registry) {
		registry.add("warden.postgres.url", postgres::url);
	}

	@AfterAll
	static void stopDatabase() {
		postgres.close();
	}

	@Test
	void answers503ProblemsWhileTheDatabaseIsDownAndChangesNothingHalfway() {
		String email = uniqueEmail();
		String password = strongPassword();
		User user = newUser(email, password);
		String fresh = strongPassword();
		Map<String, String> change = Map.of("currentPassword", password, "newPassword", fresh, "confirmPassword",
				fresh);

		postgres.stop();
		HttpResponse<String> login = login(email, password);
		HttpResponse<String> changed = send("POST", "/api/security/password", change, bearer(user));
		postgres.start();

		for (HttpResponse<String> during : List.of(login, changed)) {
			assertThat(during.statusCode()).as(during.body()).isEqualTo(503);
			assertThat(during.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(during.headers().firstValue("Retry-After")).isPresent();
			assertThat(during.body()).contains("\"code\":\"service_unavailable\"").doesNotContain("Exception");
		}
		assertThat(this.events.find(user.id().toString(), EventTypes.PASSWORD_CHANGED)).isEmpty();
		// The pool notices the server is back within a few seconds.
		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(30))
			.until(() -> login(uniqueEmail(), "probe").statusCode() != 503);
		assertThat(login(email, fresh).statusCode()).as("the change did not happen").isEqualTo(401);
		assertThat(login(email, password).statusCode()).isEqualTo(200);
		assertThat(send("POST", "/api/security/password", change, bearer(user)).statusCode()).isEqualTo(204);
		this.events.await(user.id().toString(), EventTypes.PASSWORD_CHANGED);
	}

}
