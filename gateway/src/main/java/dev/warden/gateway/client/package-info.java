/**
 * The client's address, from the peer or from trusted proxies' forwarding headers.
 */
@NullMarked
package dev.warden.gateway.client;

import org.jspecify.annotations.NullMarked;
