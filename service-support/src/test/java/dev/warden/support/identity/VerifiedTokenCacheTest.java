package dev.warden.support.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import dev.warden.infra.test.MutableClock;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * A verified token is not verified again until it expires, and an expired one is never
 * served from memory.
 */
class VerifiedTokenCacheTest {

	private final Instant start = Instant.parse("2026-11-27T06:00:00Z");

	private final MutableClock clock = new MutableClock(this.start);

	private final AtomicInteger verifications = new AtomicInteger();

	private final JwtDecoder delegate = (token) -> {
		this.verifications.incrementAndGet();
		if (this.clock.instant().isAfter(this.start.plusSeconds(30))) {
			throw new BadJwtException("expired");
		}
		return Jwt.withTokenValue(token)
			.header("alg", "ES256")
			.subject("alice")
			.expiresAt(this.start.plusSeconds(30))
			.build();
	};

	@Test
	void verifiesEachTokenOnceWhileItLives() {
		VerifiedTokenCache cache = new VerifiedTokenCache(this.delegate, this.clock);

		cache.decode("token-1");
		this.clock.advance(java.time.Duration.ofSeconds(20));
		Jwt again = cache.decode("token-1");
		cache.decode("token-2");

		assertThat(again.getSubject()).isEqualTo("alice");
		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void anExpiredTokenIsVerifiedAgainAndRefused() {
		VerifiedTokenCache cache = new VerifiedTokenCache(this.delegate, this.clock);
		cache.decode("token-1");

		this.clock.advance(java.time.Duration.ofSeconds(31));

		assertThatThrownBy(() -> cache.decode("token-1")).isInstanceOf(BadJwtException.class);
		assertThat(this.verifications).hasValue(2);
	}

}
