/**
 * Notices before a password expires under the policy, and when it has.
 */
@NullMarked
package dev.warden.auth.password.expiry;

import org.jspecify.annotations.NullMarked;
