/**
 * The data of token-service's events, on warden.token.events: one record per type.
 */
@NullMarked
package dev.warden.event.token;

import org.jspecify.annotations.NullMarked;
