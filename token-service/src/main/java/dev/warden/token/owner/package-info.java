/**
 * Token owners as auth-service's events describe them: roles, and suspension while the
 * account is locked.
 */
@NullMarked
package dev.warden.token.owner;

import org.jspecify.annotations.NullMarked;
