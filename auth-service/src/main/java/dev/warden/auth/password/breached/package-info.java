/**
 * Screening passwords against the hundreds of millions known from breaches, with the
 * k-anonymity range API of Pwned Passwords (or range files an operator downloaded): only
 * the first five characters of the password's SHA-1 leave the service.
 */
@NullMarked
package dev.warden.auth.password.breached;

import org.jspecify.annotations.NullMarked;
