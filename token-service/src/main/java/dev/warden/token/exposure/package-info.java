/**
 * The public door for leaked tokens: anyone who finds a {@code wdn_} token (a secret
 * scanner, a reviewer, the owner) reports it, and it stops working.
 */
@NullMarked
package dev.warden.token.exposure;

import org.jspecify.annotations.NullMarked;
