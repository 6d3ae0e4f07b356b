/**
 * Reading events from Kafka: parsing, trusted sources, retries and dead letters.
 */
@NullMarked
package dev.warden.support.kafka;

import org.jspecify.annotations.NullMarked;
