package dev.warden.gateway.authentication;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * A cached session is reused for the cache's lifetime at most, and never past its grant's
 * end.
 */
class SessionCacheExpiryTest {

	private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

	private final SessionCacheExpiry expiry = new SessionCacheExpiry(Duration.ofSeconds(5),
			Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void aSessionFarFromItsEndLivesTheCachesLifetime() {
		assertThat(this.expiry.lifetimeNanos(endingAt(NOW.plus(Duration.ofDays(30)))))
			.isEqualTo(Duration.ofSeconds(5).toNanos());
		assertThat(this.expiry.lifetimeNanos(endingAt(Instant.parse("2999-01-01T00:00:00Z"))))
			.isEqualTo(Duration.ofSeconds(5).toNanos());
	}

	@Test
	void aSessionAboutToEndLivesOnlyUntilItsEnd() {
		assertThat(this.expiry.lifetimeNanos(endingAt(NOW.plusSeconds(2)))).isEqualTo(Duration.ofSeconds(2).toNanos());
	}

	@Test
	void anEndedSessionIsNotKept() {
		assertThat(this.expiry.lifetimeNanos(endingAt(NOW))).isZero();
		assertThat(this.expiry.lifetimeNanos(endingAt(NOW.minusSeconds(1)))).isZero();
	}

	private static SessionIntrospection endingAt(Instant end) {
		return new SessionIntrospection(true, "sessionPublicId0000001", "user-42", List.of("USER"), List.of("pwd"),
				NOW.minusSeconds(60), end, false, false);
	}

}
