/**
 * Password hashing (Argon2id).
 */
@NullMarked
package dev.warden.auth.password;

import org.jspecify.annotations.NullMarked;
