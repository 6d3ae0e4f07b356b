/**
 * What every service shares: clock, database login, internal identity, Kafka, outbox,
 * problems and validation.
 */
@NullMarked
package dev.warden.support;

import org.jspecify.annotations.NullMarked;
