/**
 * The signed-in user's sessions: listing them and ending them (/api/security/sessions).
 */
@NullMarked
package dev.warden.session.account;

import org.jspecify.annotations.NullMarked;
