/**
 * Turning an event into one e-mail: once per event, retried, dead-lettered when it cannot
 * be sent.
 */
@NullMarked
package dev.warden.notification.delivery;

import org.jspecify.annotations.NullMarked;
