/**
 * Checks that run before a service starts: secrets set, Redis password given, management
 * port apart.
 */
@NullMarked
package dev.warden.startup;

import org.jspecify.annotations.NullMarked;
