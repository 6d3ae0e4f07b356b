package dev.warden.event.audit;

import java.time.Instant;

import dev.warden.event.EventPayload;

/**
 * Data of {@link dev.warden.event.EventTypes#AUDIT_RETENTION_APPLIED}: entries older than
 * the retention period were removed from the security log (kept in the log only, never on
 * Kafka).
 *
 * @param removed how many entries
 * @param before entries that occurred before this were removed
 * @param retentionDays the retention period in days
 */
public record RetentionApplied(int removed, Instant before, long retentionDays) implements EventPayload {
}
