package dev.warden.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.warden.event.ApiTokenFormat;
import dev.warden.token.introspect.TokenIntrospection;
import dev.warden.token.lifecycle.ApiToken;
import dev.warden.token.lifecycle.GrantedValue;
import dev.warden.token.lifecycle.TokenService;
import org.junit.jupiter.api.Test;

/**
 * Whatever gets logged by accident, a token's value and its grant are not in its string.
 */
class StringsHideTokensTest {

	private static final String VALUE = ApiTokenFormat.newToken();

	private static final String GRANT = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1In0.c2lnbmF0dXJl";

	@Test
	void noStringOfATokenShowsItsValueOrGrant() {
		GrantedValue granted = GrantedValue.from(List.of(VALUE), List.of(GRANT));
		ApiToken token = new ApiToken(UUID.randomUUID(), "user", "ci", "USER", ApiTokenFormat.hash(VALUE),
				ApiTokenFormat.hint(VALUE), Instant.now(), Instant.now(), null, null, null, null, null, GRANT);
		TokenIntrospection.Result answer = new TokenIntrospection.Result(true, null, token.id().toString(), "user",
				"USER", token.expiresAt(), GRANT);

		for (Object shown : List.of(granted, token, new TokenService.Created(token, VALUE), answer)) {
			assertThat(shown.toString()).as(shown.getClass().getSimpleName())
				.doesNotContain(VALUE)
				.doesNotContain(ApiTokenFormat.hash(VALUE))
				.doesNotContain("c2lnbmF0dXJl");
		}
	}

}
