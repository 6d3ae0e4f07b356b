/**
 * The one clock every service tells time by.
 */
@NullMarked
package dev.warden.support.clock;

import org.jspecify.annotations.NullMarked;
