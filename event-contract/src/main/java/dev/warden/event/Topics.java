package dev.warden.event;

import java.util.List;

/**
 * Kafka topic names. Each producing service owns one topic; the Kafka key is the user id
 * so one user's events stay in order. Dead-letter topics follow Spring Kafka's
 * {@code -dlt} suffix and must have as many partitions as their source, because the
 * dead-letter recoverer keeps the partition.
 */
public final class Topics {

	public static final String AUTH_EVENTS = "warden.auth.events";

	public static final String SESSION_EVENTS = "warden.session.events";

	public static final String TOKEN_EVENTS = "warden.token.events";

	public static final List<String> ALL = List.of(AUTH_EVENTS, SESSION_EVENTS, TOKEN_EVENTS);

	public static final String DEAD_LETTER_SUFFIX = "-dlt";

	private Topics() {
	}

	public static String deadLetterOf(String topic) {
		return topic + DEAD_LETTER_SUFFIX;
	}

}
