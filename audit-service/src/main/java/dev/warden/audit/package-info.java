/**
 * audit-service: the security log, kept from every service's events and chained so that
 * edits show.
 */
@NullMarked
package dev.warden.audit;

import org.jspecify.annotations.NullMarked;
