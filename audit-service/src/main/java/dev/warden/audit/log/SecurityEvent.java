package dev.warden.audit.log;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One entry of the security log, as the API shows it. {@code seq} orders the log and drives its cursor. */
public record SecurityEvent(@JsonIgnore long seq, String id, String type, String source, String userId,
		Instant occurredAt, Instant recordedAt, Map<String, Object> data) {

	/** A sentence for people: what happened, from where. */
	@JsonProperty("summary")
	public String summary() {
		return Summaries.of(this.type, this.data);
	}
}
