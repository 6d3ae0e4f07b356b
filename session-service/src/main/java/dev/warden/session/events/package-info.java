/**
 * Session events: relayed from Redis to Kafka, and the events from auth-service that end
 * sessions.
 */
@NullMarked
package dev.warden.session.events;

import org.jspecify.annotations.NullMarked;
