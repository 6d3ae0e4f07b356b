/**
 * A preview of every e-mail template, for whoever edits them.
 */
@NullMarked
package dev.warden.notification.preview;

import org.jspecify.annotations.NullMarked;
