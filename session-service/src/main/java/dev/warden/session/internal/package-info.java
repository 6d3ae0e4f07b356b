/**
 * The internal API auth-service and the gateway call: opening, renewing, introspecting
 * and ending sessions.
 */
@NullMarked
package dev.warden.session.internal;

import org.jspecify.annotations.NullMarked;
