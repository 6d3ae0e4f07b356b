/**
 * Where each user's mail goes, as auth-service's events say.
 */
@NullMarked
package dev.warden.notification.users;

import org.jspecify.annotations.NullMarked;
