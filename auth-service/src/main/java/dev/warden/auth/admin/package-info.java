/**
 * What an administrator does to other users' accounts.
 */
@NullMarked
package dev.warden.auth.admin;

import org.jspecify.annotations.NullMarked;
