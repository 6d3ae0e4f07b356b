/**
 * The gateway: the one door to the suite, which authenticates every request before
 * routing it.
 */
@NullMarked
package dev.warden.gateway;

import org.jspecify.annotations.NullMarked;
