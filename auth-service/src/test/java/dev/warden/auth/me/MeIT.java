package dev.warden.auth.me;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import dev.warden.auth.AuthIntegrationTest;
import dev.warden.auth.user.User;
import dev.warden.infra.test.TestJwts;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What the page learns about the caller: how long the sign-in stays recent enough for
 * sensitive changes, so it can ask "Confirm it is you" before one rather than after.
 */
class MeIT extends AuthIntegrationTest {

	@Test
	void aFreshSignInStaysRecentForTheWindowAndAnOldOneNotAtAll() {
		User user = newUser(uniqueEmail(), strongPassword());

		JsonNode fresh = read(send("GET", "/api/me", null, bearer(user, "sessionPublicId0000011", Instant.now())));
		JsonNode old = read(send("GET", "/api/me", null,
				bearer(user, "sessionPublicId0000012", Instant.now().minus(Duration.ofHours(1)))));

		assertThat(fresh.get("recentSignInSeconds").asLong()).isBetween(60L, Duration.ofMinutes(15).toSeconds());
		assertThat(old.get("recentSignInSeconds").asLong()).isZero();
		// When the password was set, by the service's clock (which other tests move on).
		assertThat(Instant.parse(fresh.get("passwordChangedAt").asString())).isNotNull();
	}

	@Test
	void anApiTokenHasNoSignInToBeRecent() {
		User user = newUser(uniqueEmail(), strongPassword());
		String token = TestJwts.shared()
			.forUser(user.id().toString())
			.roles("USER")
			.apiToken("tok_me_recent")
			.amr("token")
			.bearer();

		JsonNode me = read(send("GET", "/api/me", null, token));

		assertThat(me.get("recentSignInSeconds").isNull()).isTrue();
	}

}
