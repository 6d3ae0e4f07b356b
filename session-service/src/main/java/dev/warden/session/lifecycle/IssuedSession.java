package dev.warden.session.lifecycle;

import dev.warden.session.store.Session;

/**
 * A session just created under the hash of a cookie value that only auth-service and the
 * browser know.
 */
public record IssuedSession(Session session, boolean newDevice) {
}
