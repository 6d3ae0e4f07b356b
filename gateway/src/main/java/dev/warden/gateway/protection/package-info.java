/**
 * Request hygiene before authentication: body size, shape, CSRF, rate limits, security
 * headers, access log.
 */
@NullMarked
package dev.warden.gateway.protection;

import org.jspecify.annotations.NullMarked;
