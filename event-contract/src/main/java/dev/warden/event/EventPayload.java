package dev.warden.event;

/**
 * The {@code data} of one event type: a record in {@code dev.warden.event.auth},
 * {@code .session}, {@code .token} or {@code .audit}, listed in {@link EventCatalogue}.
 * On the wire a value that is {@code null} is left out, and a reader ignores fields it
 * does not know, so producers may add fields without breaking consumers.
 */
public interface EventPayload {

}
