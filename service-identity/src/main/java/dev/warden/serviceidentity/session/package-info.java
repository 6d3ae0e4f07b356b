/**
 * Session grants: auth-service's signed word on whose a session cookie is.
 */
@NullMarked
package dev.warden.serviceidentity.session;

import org.jspecify.annotations.NullMarked;
