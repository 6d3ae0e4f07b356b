/**
 * TOTP two-factor authentication: enrolment, codes, recovery codes and the encrypted
 * secrets.
 */
@NullMarked
package dev.warden.auth.twofactor;

import org.jspecify.annotations.NullMarked;
