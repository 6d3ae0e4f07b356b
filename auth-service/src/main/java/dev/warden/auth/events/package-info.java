/**
 * The security events auth-service publishes, written to its outbox with the change they
 * report.
 */
@NullMarked
package dev.warden.auth.events;

import org.jspecify.annotations.NullMarked;
