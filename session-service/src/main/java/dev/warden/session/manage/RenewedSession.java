package dev.warden.session.manage;

import dev.warden.session.store.Session;

/**
 * A session just moved to a new cookie value's hash, with the grant it held for the old
 * one ({@code null} if none): auth-service re-signs that grant's claims for the new
 * cookie and attaches the result.
 */
public record RenewedSession(Session session, String previousGrant) {
}
