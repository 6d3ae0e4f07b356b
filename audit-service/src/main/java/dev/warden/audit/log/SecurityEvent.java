package dev.warden.audit.log;

import java.time.Instant;
import java.util.Map;

/** One entry of the security log, as the API shows it. */
public record SecurityEvent(String id, String type, String source, String userId, Instant occurredAt,
		Instant recordedAt, Map<String, Object> data) {
}
