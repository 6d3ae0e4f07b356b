package dev.warden.session.account;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.warden.session.store.Session;
import org.jspecify.annotations.Nullable;

/**
 * One row of the Active sessions list; {@code id} is the public id, never the cookie
 * value; {@code authMethods} how it signed in (RFC 8176: {@code pwd}, {@code otp},
 * {@code hwk} or {@code swk} for a passkey).
 */
record SessionView(String id, boolean current, Instant createdAt, Instant lastActiveAt, Instant expiresAt,
		@Nullable String ip, @Nullable String userAgent, String browser, String os, String deviceType,
		List<String> authMethods) {

	static SessionView of(Session session, @Nullable String currentId, Duration idleTimeout) {
		return new SessionView(session.publicId(), session.publicId().equals(currentId), session.createdAt(),
				session.lastActiveAt(), session.expiresAt(idleTimeout), session.ip(), session.userAgent(),
				session.device().browser(), session.device().os(), session.device().deviceType(),
				session.authMethods());
	}
}
