/**
 * Changing one's password: the current one proven, the new one checked and kept out of
 * reuse.
 */
@NullMarked
package dev.warden.auth.password.change;

import org.jspecify.annotations.NullMarked;
