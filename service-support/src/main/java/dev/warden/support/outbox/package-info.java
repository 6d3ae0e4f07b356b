/**
 * The transactional outbox: an event committed with its change, relayed to Kafka
 * afterwards.
 */
@NullMarked
package dev.warden.support.outbox;

import org.jspecify.annotations.NullMarked;
