/**
 * Authenticated encryption of small secrets under a ring of configured keys.
 */
@NullMarked
package dev.warden.support.crypto;

import org.jspecify.annotations.NullMarked;
