/**
 * token-service: personal API tokens.
 */
@NullMarked
package dev.warden.token;

import org.jspecify.annotations.NullMarked;
