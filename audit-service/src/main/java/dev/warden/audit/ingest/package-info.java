/**
 * Reading security events from Kafka into the log, once each.
 */
@NullMarked
package dev.warden.audit.ingest;

import org.jspecify.annotations.NullMarked;
