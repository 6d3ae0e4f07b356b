package dev.warden.session.manage;

import dev.warden.session.store.Session;

/** A session just created or renewed, with the secret that only the client will keep. */
public record IssuedSession(String secret, Session session, boolean newDevice) {
}
