/**
 * ./run-local.sh: starts the infrastructure and every service, with each service given
 * only its own secrets.
 */
@NullMarked
package dev.warden.launcher;

import org.jspecify.annotations.NullMarked;
