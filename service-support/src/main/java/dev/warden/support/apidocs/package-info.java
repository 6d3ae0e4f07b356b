/**
 * The public API's description: the problems each endpoint answers with, and how the
 * services' tests turn the controllers into docs/openapi.
 */
@NullMarked
package dev.warden.support.apidocs;

import org.jspecify.annotations.NullMarked;
