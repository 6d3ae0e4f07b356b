/**
 * API token grants: the gateway's signed word on whose an API token is, and with which
 * role.
 */
@NullMarked
package dev.warden.serviceidentity.token;

import org.jspecify.annotations.NullMarked;
