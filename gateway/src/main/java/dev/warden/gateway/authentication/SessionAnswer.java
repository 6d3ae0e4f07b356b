package dev.warden.gateway.authentication;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What the gateway reads of session-service's introspection answer: whether the session
 * is live, and auth-service's signed grant for it. The identity fields session-service
 * also sends are ignored: only the grant is trusted.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record SessionAnswer(boolean active, String grant) {
}
