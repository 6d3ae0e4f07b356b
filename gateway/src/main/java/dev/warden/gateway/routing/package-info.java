/**
 * Routes to the services, their replicas, and circuit breakers.
 */
@NullMarked
package dev.warden.gateway.routing;

import org.jspecify.annotations.NullMarked;
