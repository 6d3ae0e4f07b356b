/**
 * RFC 9457 problem answers with a stable code, for every error a service gives.
 */
@NullMarked
package dev.warden.support.problem;

import org.jspecify.annotations.NullMarked;
