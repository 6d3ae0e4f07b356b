/**
 * Removing log entries past the retention period, anchoring the chain where it now
 * starts.
 */
@NullMarked
package dev.warden.audit.retention;

import org.jspecify.annotations.NullMarked;
