/**
 * The browser, system and kind of device a session was opened from.
 */
@NullMarked
package dev.warden.session.device;

import org.jspecify.annotations.NullMarked;
