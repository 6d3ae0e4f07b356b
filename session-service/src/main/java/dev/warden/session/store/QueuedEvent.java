package dev.warden.session.store;

/**
 * A serialised event the store queues in its Redis outbox in the same atomic step as the
 * change it reports.
 */
public record QueuedEvent(String key, String json) {

	/**
	 * The Redis stream queued events wait in until the relay has handed them to Kafka.
	 */
	public static final String STREAM = SessionKeys.PREFIX + "outbox";

	/** {@code k}: the stream entry's field holding the Kafka record key. */
	public static final String KEY_FIELD = "k";

	/** {@code e}: the stream entry's field holding the event's JSON. */
	public static final String EVENT_FIELD = "e";

}
