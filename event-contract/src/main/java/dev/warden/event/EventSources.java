package dev.warden.event;

import java.util.Map;
import java.util.Optional;

/**
 * The CloudEvents {@code source} of each producing service (CloudEvents 1.0 §3.1.1, a
 * URI-reference), and which source owns which topic. A consumer refuses an event whose
 * source is not its topic's owner: Kafka's ACLs let only the owner write a topic, and
 * this check keeps a forged envelope from being believed even if a write ever got
 * through.
 */
public final class EventSources {

	public static final String AUTH_SERVICE = "/auth-service";

	public static final String SESSION_SERVICE = "/session-service";

	public static final String TOKEN_SERVICE = "/token-service";

	private static final Map<String, String> OWNERS = Map.of(Topics.AUTH_EVENTS, AUTH_SERVICE, Topics.SESSION_EVENTS,
			SESSION_SERVICE, Topics.TOKEN_EVENTS, TOKEN_SERVICE);

	private EventSources() {
	}

	/**
	 * The source every event on {@code topic} must carry; empty for a topic that is not
	 * an event topic.
	 */
	public static Optional<String> ownerOf(String topic) {
		return Optional.ofNullable(topic == null ? null : OWNERS.get(topic));
	}

	/**
	 * Whether an event claiming {@code source} may be believed when read from
	 * {@code topic}.
	 */
	public static boolean isOwner(String topic, String source) {
		return ownerOf(topic).map((owner) -> owner.equals(source)).orElse(false);
	}

	/**
	 * The topic an event type is published on: session events by session-service, token
	 * events by token-service, everything else about users, sign-in, passwords and
	 * two-factor by auth-service. A type read from another topic is a service speaking
	 * about what it does not own (session-service announcing a password change).
	 */
	public static Optional<String> topicOf(String type) {
		if (type == null || !type.startsWith("warden.") || type.startsWith("warden.audit.")) {
			return Optional.empty();
		}
		if (type.startsWith("warden.session.")) {
			return Optional.of(Topics.SESSION_EVENTS);
		}
		if (type.startsWith("warden.token.")) {
			return Optional.of(Topics.TOKEN_EVENTS);
		}
		return Optional.of(Topics.AUTH_EVENTS);
	}

	/** Whether an event of {@code type} may be believed when read from {@code topic}. */
	public static boolean belongsOn(String topic, String type) {
		return topicOf(type).map((own) -> own.equals(topic)).orElse(false);
	}

}
