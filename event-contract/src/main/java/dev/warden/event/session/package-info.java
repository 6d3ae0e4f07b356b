/**
 * The data of session-service's events, on warden.session.events: one record per type.
 */
@NullMarked
package dev.warden.event.session;

import org.jspecify.annotations.NullMarked;
