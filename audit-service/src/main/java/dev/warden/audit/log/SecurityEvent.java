package dev.warden.audit.log;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One entry of the security log, as the API shows it. {@code seq} orders the log and
 * drives its cursor.
 */
public record SecurityEvent(@JsonIgnore long seq, String id, String type, String source, @Nullable String userId,
		Instant occurredAt, Instant recordedAt, @JsonIgnore Attribution attribution, Map<String, Object> data) {

	/**
	 * Who acted: the user, an administrator or the system; {@code id} is absent for the
	 * system.
	 */
	@JsonProperty("actor")
	public Actor actor() {
		return new Actor(this.attribution.actorType(), this.attribution.actorId());
	}

	@JsonProperty("outcome")
	public String outcome() {
		return this.attribution.outcome();
	}

	@JsonProperty("ip")
	public @Nullable String ip() {
		return this.attribution.ip();
	}

	@JsonProperty("userAgent")
	public @Nullable String userAgent() {
		return this.attribution.userAgent();
	}

	@JsonProperty("sessionId")
	public @Nullable String sessionId() {
		return this.attribution.sessionId();
	}

	@JsonProperty("tokenId")
	public @Nullable String tokenId() {
		return this.attribution.tokenId();
	}

	public record Actor(String type, @Nullable String id) {
	}

	/** A sentence for people: what happened, from where. */
	@JsonProperty("summary")
	public String summary() {
		return Summaries.of(this.type, this.data);
	}
}
