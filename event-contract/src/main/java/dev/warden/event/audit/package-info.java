/**
 * The data of the entries audit-service writes into the security log itself.
 */
@NullMarked
package dev.warden.event.audit;

import org.jspecify.annotations.NullMarked;
