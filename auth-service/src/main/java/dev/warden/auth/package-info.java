/**
 * auth-service: users, passwords, sign-in and two-factor authentication.
 */
@NullMarked
package dev.warden.auth;

import org.jspecify.annotations.NullMarked;
