/**
 * An API token's life: issued with the gateway's grant, kept hashed, revoked or expired.
 */
@NullMarked
package dev.warden.token.lifecycle;

import org.jspecify.annotations.NullMarked;
