/**
 * Real PostgreSQL, Redis, Kafka and SMTP, embedded from Maven artifacts or in containers,
 * for run-local and tests.
 */
@NullMarked
package dev.warden.infra;

import org.jspecify.annotations.NullMarked;
