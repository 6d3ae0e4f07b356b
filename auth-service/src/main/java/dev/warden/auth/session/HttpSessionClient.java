package dev.warden.auth.session;

import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.warden.serviceidentity.ServiceTokenMinter;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * session-service's internal API over HTTP, with auth-service's own service token, a time limit on every call and a
 * Resilience4j circuit breaker. A 404 on renew is an answer (the session is gone), not a failure.
 */
@Component
class HttpSessionClient implements SessionClient {

	static final String BREAKER = "session-service";

	private static final String SESSION_SERVICE = "session-service";

	private static final Logger log = LoggerFactory.getLogger(HttpSessionClient.class);

	private final RestClient http;

	private final CircuitBreaker breaker;

	HttpSessionClient(SessionServiceProperties properties, ServiceTokenMinter serviceTokens,
			CircuitBreakerRegistry breakers) {
		// HTTP/1.1: no h2c upgrade dance on every plain-http call.
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.connectTimeout())
			.build();
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client);
		factory.setReadTimeout(properties.timeout());
		this.http = RestClient.builder()
			.baseUrl(properties.url().toString())
			.requestFactory(factory)
			// A token addressed to session-service alone, fresh enough for every request (the minter reuses it).
			.requestInterceptor((request, body, execution) -> {
				request.getHeaders().setBearerAuth(serviceTokens.tokenFor(SESSION_SERVICE));
				return execution.execute(request, body);
			})
			.build();
		this.breaker = breakers.circuitBreaker(BREAKER);
	}

	@Override
	public IssuedSession create(String userId, List<String> roles, List<String> authMethods, ClientInfo client,
			boolean passwordChangeRequired, boolean twoFactorSetupRequired) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("userId", userId);
		body.put("roles", roles);
		body.put("authMethods", authMethods);
		body.put("ip", client.ip());
		body.put("userAgent", client.userAgent());
		body.put("passwordChangeRequired", passwordChangeRequired);
		body.put("twoFactorSetupRequired", twoFactorSetupRequired);
		return call(() -> this.http.post()
			.uri("/internal/sessions")
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.retrieve()
			.body(IssuedSession.class));
	}

	@Override
	public IssuedSession renew(String userId, String sessionId, List<String> authMethods, boolean reauthenticated,
			Boolean passwordChangeRequired, Boolean twoFactorSetupRequired) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("authMethods", authMethods);
		body.put("reauthenticated", reauthenticated);
		body.put("passwordChangeRequired", passwordChangeRequired);
		body.put("twoFactorSetupRequired", twoFactorSetupRequired);
		return call(() -> {
			try {
				return this.http.post()
					.uri("/internal/users/{userId}/sessions/{sessionId}/renew", userId, sessionId)
					.contentType(MediaType.APPLICATION_JSON)
					.body(body)
					.retrieve()
					.body(IssuedSession.class);
			}
			catch (HttpClientErrorException.NotFound ex) {
				return null;
			}
		});
	}

	@Override
	public void end(String userId, String sessionId, String reason) {
		call(() -> {
			try {
				this.http.delete()
					.uri("/internal/users/{userId}/sessions/{sessionId}?reason={reason}", userId, sessionId, reason)
					.retrieve()
					.toBodilessEntity();
			}
			catch (HttpClientErrorException ex) {
				if (ex.getStatusCode() != HttpStatus.NOT_FOUND) {
					throw ex;
				}
			}
			return null;
		});
	}

	@Override
	public int endAll(String userId) {
		Map<?, ?> ended = call(() -> this.http.delete()
			.uri("/internal/users/{userId}/sessions?reason=admin", userId)
			.retrieve()
			.body(Map.class));
		return ended != null && ended.get("ended") instanceof Number number ? number.intValue() : 0;
	}

	private <T> T call(java.util.function.Supplier<T> request) {
		try {
			return this.breaker.executeSupplier(request);
		}
		catch (CallNotPermittedException ex) {
			throw new SessionsUnavailableException();
		}
		catch (RestClientException ex) {
			log.warn("session-service call failed: {}", ex.getClass().getSimpleName());
			throw new SessionsUnavailableException();
		}
	}
}
