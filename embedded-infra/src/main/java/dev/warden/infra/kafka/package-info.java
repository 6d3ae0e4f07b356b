/**
 * Kafka users and the access each service's user is given.
 */
@NullMarked
package dev.warden.infra.kafka;

import org.jspecify.annotations.NullMarked;
