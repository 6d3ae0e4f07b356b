/**
 * auth-service's side of sessions: the client of session-service, the cookie, and the
 * grants it signs.
 */
@NullMarked
package dev.warden.auth.session;

import org.jspecify.annotations.NullMarked;
