/**
 * The signed-in user's own profile and preferences.
 */
@NullMarked
package dev.warden.auth.me;

import org.jspecify.annotations.NullMarked;
