/**
 * The keyed hash chain that links security-log entries (HMAC-SHA256 with keys only
 * audit-service holds).
 */
@NullMarked
package dev.warden.audit.chain;

import org.jspecify.annotations.NullMarked;
