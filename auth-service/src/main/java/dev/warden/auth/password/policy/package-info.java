/**
 * The password policy: rules, common and breached passwords, and its administration.
 */
@NullMarked
package dev.warden.auth.password.policy;

import org.jspecify.annotations.NullMarked;
