package dev.warden.support.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers internal JWTs this service has already verified, until they expire: the
 * gateway reuses one token per caller for several seconds, and an ES256 verification was
 * the largest single cost of a request in the profile (JFR, see docs/benchmarks.md). A
 * cached token is still refused the moment it expires; only the signature and the fixed
 * claims are not checked again. Keys the gateway stops publishing keep working for tokens
 * already verified, for at most their remaining lifetime (≤ 60 s).
 */
final class VerifiedTokenCache implements JwtDecoder {

	private final JwtDecoder delegate;

	private final Clock clock;

	private final Cache<String, Jwt> verified;

	VerifiedTokenCache(JwtDecoder delegate, Clock clock) {
		this.delegate = delegate;
		this.clock = clock;
		this.verified = Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(60)).maximumSize(10_000).build();
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Jwt cached = this.verified.getIfPresent(token);
		Instant now = this.clock.instant();
		if (cached != null && cached.getExpiresAt() != null && cached.getExpiresAt().isAfter(now)) {
			return cached;
		}
		Jwt jwt = this.delegate.decode(token);
		if (jwt.getExpiresAt() != null && jwt.getExpiresAt().isAfter(now)) {
			this.verified.put(token, jwt);
		}
		return jwt;
	}

}
