/**
 * The data of auth-service's events, on warden.auth.events: one record per type.
 */
@NullMarked
package dev.warden.event.auth;

import org.jspecify.annotations.NullMarked;
