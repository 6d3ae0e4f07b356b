/**
 * Health and metrics on the management port only.
 */
@NullMarked
package dev.warden.support.management;

import org.jspecify.annotations.NullMarked;
