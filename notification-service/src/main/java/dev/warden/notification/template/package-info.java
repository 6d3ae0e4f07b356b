/**
 * The e-mail templates, their translations, and rendering them.
 */
@NullMarked
package dev.warden.notification.template;

import org.jspecify.annotations.NullMarked;
