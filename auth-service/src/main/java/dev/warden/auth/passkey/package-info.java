/**
 * Passkeys (WebAuthn, verified with webauthn4j): registering and managing them on the
 * Security page, and the assertions that sign in without a password, complete a
 * password's second step, or confirm a sensitive action.
 */
@NullMarked
package dev.warden.auth.passkey;

import org.jspecify.annotations.NullMarked;
