package dev.warden.session.store;

/**
 * A serialised event the store queues in its Redis outbox in the same atomic step as the
 * change it reports.
 */
public record QueuedEvent(String key, String json) {
}
