/**
 * The identity the gateway passes on: short-lived signed tokens per service, and API
 * token creation.
 */
@NullMarked
package dev.warden.gateway.identity;

import org.jspecify.annotations.NullMarked;
