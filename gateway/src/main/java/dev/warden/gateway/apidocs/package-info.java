/**
 * The public API's description, merged from the services' parts, and the page that shows
 * it ({@code /api/docs}).
 */
@NullMarked
package dev.warden.gateway.apidocs;

import org.jspecify.annotations.NullMarked;
