/**
 * Sessions in Redis: each change and its event written by one Lua script, atomically.
 */
@NullMarked
package dev.warden.session.store;

import org.jspecify.annotations.NullMarked;
