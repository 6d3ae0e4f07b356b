package dev.warden.gateway.authentication;

import java.time.Clock;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Expiry;

/**
 * A cached session is reused for the cache's lifetime, but never past the end its grant
 * names.
 */
final class SessionCacheExpiry implements Expiry<String, SessionIntrospection> {

	private final Duration ttl;

	private final Clock clock;

	SessionCacheExpiry(Duration ttl, Clock clock) {
		this.ttl = ttl;
		this.clock = clock;
	}

	/**
	 * How long a session may be reused from now on, in nanoseconds (zero once its grant
	 * has ended).
	 */
	long lifetimeNanos(SessionIntrospection session) {
		Duration left = (session.expiresAt() == null) ? Duration.ZERO
				: Duration.between(this.clock.instant(), session.expiresAt());
		Duration lifetime = (left.compareTo(this.ttl) < 0) ? left : this.ttl;
		return lifetime.isNegative() ? 0 : lifetime.toNanos();
	}

	@Override
	public long expireAfterCreate(String key, SessionIntrospection session, long currentTime) {
		return lifetimeNanos(session);
	}

	@Override
	public long expireAfterUpdate(String key, SessionIntrospection session, long currentTime, long currentDuration) {
		return lifetimeNanos(session);
	}

	@Override
	public long expireAfterRead(String key, SessionIntrospection session, long currentTime, long currentDuration) {
		return currentDuration;
	}

}
