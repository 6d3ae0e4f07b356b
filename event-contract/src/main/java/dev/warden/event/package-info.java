/**
 * The event contract every service shares: CloudEvents envelope, topics, types and
 * sources. No Spring here.
 */
@NullMarked
package dev.warden.event;

import org.jspecify.annotations.NullMarked;
