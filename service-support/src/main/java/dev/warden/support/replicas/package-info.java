/**
 * Calling a service that runs as several replicas listed by address.
 */
@NullMarked
package dev.warden.support.replicas;

import org.jspecify.annotations.NullMarked;
