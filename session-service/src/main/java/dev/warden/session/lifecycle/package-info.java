/**
 * A session's life: opened, renewed onto a new cookie value, ended, and the events each
 * step queues.
 */
@NullMarked
package dev.warden.session.lifecycle;

import org.jspecify.annotations.NullMarked;
