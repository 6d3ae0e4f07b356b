/**
 * The service's own database login, and refusing to start as a superuser.
 */
@NullMarked
package dev.warden.support.database;

import org.jspecify.annotations.NullMarked;
