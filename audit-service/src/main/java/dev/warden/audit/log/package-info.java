/**
 * The stored security log, its verification, and the user's and administrator's views of
 * it.
 */
@NullMarked
package dev.warden.audit.log;

import org.jspecify.annotations.NullMarked;
