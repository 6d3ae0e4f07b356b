/**
 * User accounts: the store, roles, languages and the bootstrap administrator.
 */
@NullMarked
package dev.warden.auth.user;

import org.jspecify.annotations.NullMarked;
