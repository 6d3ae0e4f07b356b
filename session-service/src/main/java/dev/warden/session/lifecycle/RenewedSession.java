package dev.warden.session.lifecycle;

import dev.warden.session.store.Session;
import org.jspecify.annotations.Nullable;

/**
 * A session just moved to a new cookie value's hash, with the grant it held for the old
 * one ({@code null} if none): auth-service re-signs that grant's claims for the new
 * cookie and attaches the result.
 */
public record RenewedSession(Session session, @Nullable String previousGrant) {
}
