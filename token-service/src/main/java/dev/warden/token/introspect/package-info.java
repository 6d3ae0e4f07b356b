/**
 * Looking a token up by its hash for the gateway, and recording its use.
 */
@NullMarked
package dev.warden.token.introspect;

import org.jspecify.annotations.NullMarked;
