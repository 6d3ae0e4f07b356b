/**
 * Health and metrics on the management port only.
 */
@NullMarked
package dev.warden.gateway.management;

import org.jspecify.annotations.NullMarked;
