/**
 * Who is calling (session cookie or API token), whether they may, and what a request
 * revokes.
 */
@NullMarked
package dev.warden.gateway.authentication;

import org.jspecify.annotations.NullMarked;
