package dev.warden.audit.chain;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a link of the chain covers: an entry's position ({@code seq}) and the event as
 * stored. {@code occurredAt} and {@code recordedAt} (the service's clock when it appended
 * the entry; absent only for entries linked the old way, which did not cover it) must
 * already be at PostgreSQL's precision (microseconds), so the stored row gives back the
 * same instants.
 */
public record ChainEntry(long seq, String eventId, String type, String source, @Nullable String userId,
		Instant occurredAt, Instant recordedAt, Map<String, Object> data) {
}
