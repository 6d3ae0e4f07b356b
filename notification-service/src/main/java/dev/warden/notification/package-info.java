/**
 * notification-service: security e-mails from the suite's events.
 */
@NullMarked
package dev.warden.notification;

import org.jspecify.annotations.NullMarked;
