package dev.warden.session.account;

import java.time.Duration;
import java.time.Instant;

import dev.warden.session.store.Session;
import org.jspecify.annotations.Nullable;

/**
 * One row of the Active sessions list; {@code id} is the public id, never the cookie
 * value.
 */
record SessionView(String id, boolean current, Instant createdAt, Instant lastActiveAt, Instant expiresAt,
		@Nullable String ip, @Nullable String userAgent, String browser, String os, String deviceType) {

	static SessionView of(Session session, @Nullable String currentId, Duration idleTimeout) {
		return new SessionView(session.publicId(), session.publicId().equals(currentId), session.createdAt(),
				session.lastActiveAt(), session.expiresAt(idleTimeout), session.ip(), session.userAgent(),
				session.device().browser(), session.device().os(), session.device().deviceType());
	}
}
