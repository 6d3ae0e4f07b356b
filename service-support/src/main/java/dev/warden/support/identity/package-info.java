/**
 * Verifying the gateway's and other services' tokens on every internal call.
 */
@NullMarked
package dev.warden.support.identity;

import org.jspecify.annotations.NullMarked;
