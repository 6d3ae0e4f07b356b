package dev.warden.auth.passkey;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A passkey as stored: its public key and counter (inside {@code attestedCredentialData}
 * and {@code signCount}), and what the Security page shows of it.
 *
 * @param backupEligible whether the credential may be synced to other devices (a
 * software-held key then; {@code hwk} only when not)
 */
public record Passkey(UUID id, UUID userId, byte[] credentialId, String name, byte[] attestedCredentialData,
		long signCount, boolean userVerified, boolean backupEligible, boolean backedUp, Set<String> transports,
		@Nullable String deviceHint, Instant createdAt, @Nullable Instant lastUsedAt) {

	/** RFC 8176's method: a hardware-held key, or one that may leave the device. */
	public String authMethod() {
		return this.backupEligible ? "swk" : "hwk";
	}

	@Override
	public String toString() {
		return "Passkey[id=" + this.id + ", userId=" + this.userId + "]";
	}

}
