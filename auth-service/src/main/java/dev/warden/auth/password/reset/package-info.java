/**
 * "Forgot password?": a reset code by mail, then a new password (and the second factor,
 * where the user has one).
 */
@NullMarked
package dev.warden.auth.password.reset;

import org.jspecify.annotations.NullMarked;
