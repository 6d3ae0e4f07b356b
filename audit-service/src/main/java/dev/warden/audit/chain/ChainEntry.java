package dev.warden.audit.chain;

import java.time.Instant;
import java.util.Map;

/**
 * What a link of the chain covers: an entry's position ({@code seq}) and the event as stored. {@code occurredAt}
 * must already be at PostgreSQL's precision (microseconds), so the stored row gives back the same instant.
 */
public record ChainEntry(long seq, String eventId, String type, String source, String userId, Instant occurredAt,
		Map<String, Object> data) {
}
