/**
 * How services prove who they are to each other (ES256 service tokens) and the grants
 * that say whose a credential is.
 */
@NullMarked
package dev.warden.serviceidentity;

import org.jspecify.annotations.NullMarked;
