package dev.warden.auth.user;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A portal user as auth-service stores it; the password hash never leaves this service. */
public record User(UUID id, String email, String displayName, List<String> roles, UserStatus status,
		String passwordHash, Instant passwordChangedAt, boolean passwordChangeRequired, Instant createdAt,
		Instant updatedAt) {
}
