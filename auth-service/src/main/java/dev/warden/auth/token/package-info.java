/**
 * auth-service's one question to token-service: how many working tokens a user has, for
 * the account an administrator looks at.
 */
@NullMarked
package dev.warden.auth.token;

import org.jspecify.annotations.NullMarked;
