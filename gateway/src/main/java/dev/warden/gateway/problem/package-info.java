/**
 * RFC 9457 problem answers for everything the gateway refuses or fails at.
 */
@NullMarked
package dev.warden.gateway.problem;

import org.jspecify.annotations.NullMarked;
