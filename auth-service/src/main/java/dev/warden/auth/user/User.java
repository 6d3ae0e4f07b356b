package dev.warden.auth.user;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A portal user as auth-service stores it; the password hash never leaves this service.
 * {@code temporaryPasswordExpiresAt} is set while the password is a temporary one: when
 * it stops working.
 */
public record User(UUID id, String email, String displayName, List<String> roles, UserStatus status,
		String passwordHash, Instant passwordChangedAt, boolean passwordChangeRequired, boolean twoFactorEnabled,
		Instant createdAt, Instant updatedAt, @Nullable String locale, @Nullable Instant temporaryPasswordExpiresAt) {

	/** Whether the password is a temporary one that was not replaced in time. */
	public boolean temporaryPasswordExpired(Instant now) {
		return this.temporaryPasswordExpiresAt != null && !now.isBefore(this.temporaryPasswordExpiresAt);
	}

	public boolean isAdmin() {
		return this.roles.contains(Roles.ADMIN);
	}

	@Override
	public String toString() {
		// The hash stays out of logs and exception messages.
		return "User[id=" + this.id + ", status=" + this.status + "]";
	}
}
