/**
 * Notices before an API token expires, and when it has.
 */
@NullMarked
package dev.warden.token.expiry;

import org.jspecify.annotations.NullMarked;
