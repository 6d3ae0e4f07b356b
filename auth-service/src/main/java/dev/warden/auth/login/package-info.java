/**
 * Signing in with a password and a second factor, and the per-account limits on guessing.
 */
@NullMarked
package dev.warden.auth.login;

import org.jspecify.annotations.NullMarked;
