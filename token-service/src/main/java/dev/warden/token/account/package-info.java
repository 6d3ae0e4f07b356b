/**
 * The signed-in user's API tokens: creating, listing and revoking them
 * (/api/security/tokens).
 */
@NullMarked
package dev.warden.token.account;

import org.jspecify.annotations.NullMarked;
