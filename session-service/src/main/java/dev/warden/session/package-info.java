/**
 * session-service: the live sessions, kept in Redis.
 */
@NullMarked
package dev.warden.session;

import org.jspecify.annotations.NullMarked;
