package dev.warden.auth.session;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.warden.serviceidentity.GrantException;
import dev.warden.serviceidentity.ServiceTokenMinter;
import dev.warden.serviceidentity.session.SessionGrant;
import dev.warden.serviceidentity.session.SessionGrantSigner;
import dev.warden.serviceidentity.session.SessionGrantVerifier;
import dev.warden.serviceidentity.session.SessionSecrets;
import dev.warden.support.replicas.ReplicaRequestFactory;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.jspecify.annotations.Nullable;

/**
 * session-service's internal API over HTTP, with auth-service's own service token, a time
 * limit on every call and a Resilience4j circuit breaker. A 404 on renew is an answer
 * (the session is gone), not a failure. Each session gets its cookie value here and a
 * grant signed here (who it belongs to, bound to that value's hash), which
 * session-service keeps and the gateway verifies.
 */
@Component
class HttpSessionClient implements SessionClient {

	static final String BREAKER = "session-service";

	private static final String SESSION_SERVICE = "session-service";

	private static final Logger log = LoggerFactory.getLogger(HttpSessionClient.class);

	private final RestClient http;

	private final CircuitBreaker breaker;

	private final SessionGrantSigner signer;

	private final SessionGrantVerifier grants;

	private final Clock clock;

	private final Duration absoluteLifetime;

	/** Threads that write request bodies, kept for reuse while calls come. */
	private static final java.util.concurrent.Executor BODY_WRITERS = new java.util.concurrent.ThreadPoolExecutor(0,
			Integer.MAX_VALUE, 30, java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.SynchronousQueue<>(),
			(task) -> {
				Thread thread = new Thread(task, "session-client-body");
				thread.setDaemon(true);
				return thread;
			});

	/**
	 * @param absoluteLifetime the longest a session lives
	 * ({@code WARDEN_SESSION_ABSOLUTELIFETIME}, as session-service reads it): no grant
	 * outlasts it
	 */
	HttpSessionClient(SessionServiceProperties properties, ServiceTokenMinter serviceTokens,
			CircuitBreakerRegistry breakers, SessionGrantSigner signer, SessionGrantVerifier grants, Clock clock,
			@Value("${warden.session.absolute-lifetime:12h}") Duration absoluteLifetime) {
		this.absoluteLifetime = absoluteLifetime;
		this.signer = signer;
		this.grants = grants;
		this.clock = clock;
		// HTTP/1.1: no h2c upgrade dance on every plain-http call.
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.connectTimeout())
			.build();
		// Request bodies are written on these threads: without an executor of its own
		// the factory started a new thread for every call with a body (every sign-in).
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client, BODY_WRITERS);
		factory.setReadTimeout(properties.timeout());
		this.http = RestClient.builder()
			.baseUrl(properties.url().get(0).toString())
			// Each replica in turn; one that refuses the connection passes the call on.
			.requestFactory(ReplicaRequestFactory.over(factory, properties.url()))
			// A token addressed to session-service alone, fresh enough for every request
			// (the minter reuses it).
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
		// The cookie value is made here and never leaves auth-service but in the
		// browser's cookie: session-service
		// stores, and the gateway asks by, its hash only.
		String secret = SessionSecrets.newSecret();
		String secretHash = SessionSecrets.hash(secret);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("userId", userId);
		body.put("roles", roles);
		body.put("authMethods", authMethods);
		body.put("ip", client.ip());
		body.put("userAgent", client.userAgent());
		body.put("passwordChangeRequired", passwordChangeRequired);
		body.put("twoFactorSetupRequired", twoFactorSetupRequired);
		body.put("secretHash", secretHash);
		Opened opened = call(() -> this.http.post()
			.uri("/internal/sessions")
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.retrieve()
			.body(Opened.class));
		if (opened == null || opened.sessionId() == null || opened.expiresAt() == null) {
			throw new SessionsUnavailableException();
		}
		Instant now = this.clock.instant();
		// session-service names the end, but never later than the absolute lifetime
		// allows: a session-service taken
		// over cannot make the grants it is handed last for ever.
		Instant latest = now.plus(this.absoluteLifetime);
		Instant ends = opened.expiresAt().isAfter(latest) ? latest : opened.expiresAt();
		SessionGrant grant = new SessionGrant(userId, opened.sessionId(), roles, authMethods,
				now.truncatedTo(ChronoUnit.SECONDS), passwordChangeRequired, twoFactorSetupRequired, secretHash, ends);
		attach(grant);
		return new IssuedSession(secret, opened.sessionId(), ends, opened.newDevice());
	}

	/**
	 * Renewal gives the session a new cookie value and carries its grant over, changed
	 * only as asked: what the session is (user, id, roles, end) comes from the grant
	 * auth-service signed before, never from session-service's word, and a grant that is
	 * not auth-service's or not this session's ends the session instead.
	 */
	@Override
	public @Nullable IssuedSession renew(String userId, String sessionId, @Nullable List<String> authMethods,
			boolean reauthenticated, @Nullable Boolean passwordChangeRequired,
			@Nullable Boolean twoFactorSetupRequired) {
		String secret = SessionSecrets.newSecret();
		String secretHash = SessionSecrets.hash(secret);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("secretHash", secretHash);
		body.put("authMethods", authMethods);
		body.put("reauthenticated", reauthenticated);
		body.put("passwordChangeRequired", passwordChangeRequired);
		body.put("twoFactorSetupRequired", twoFactorSetupRequired);
		Opened renewed = call(() -> {
			try {
				return this.http.post()
					.uri("/internal/users/{userId}/sessions/{sessionId}/renew", userId, sessionId)
					.contentType(MediaType.APPLICATION_JSON)
					.body(body)
					.retrieve()
					.body(Opened.class);
			}
			catch (HttpClientErrorException.NotFound ex) {
				return null;
			}
		});
		if (renewed == null) {
			return null;
		}
		SessionGrant previous;
		try {
			previous = this.grants.verifyIssued(renewed.grant());
		}
		catch (GrantException ex) {
			log.warn("Session {} of user {} had no grant of ours ({}); ended instead of renewed", sessionId, userId,
					ex.getMessage());
			endQuietly(userId, sessionId);
			return null;
		}
		if (!previous.userId().equals(userId) || !previous.sessionId().equals(sessionId)) {
			log.warn("session-service renewed session {} of user {} with another session's grant; ended", sessionId,
					userId);
			endQuietly(userId, sessionId);
			return null;
		}
		SessionGrant grant = new SessionGrant(userId, sessionId, previous.roles(),
				authMethods == null || authMethods.isEmpty() ? previous.authMethods() : authMethods,
				reauthenticated ? this.clock.instant().truncatedTo(ChronoUnit.SECONDS) : previous.authenticatedAt(),
				passwordChangeRequired == null ? previous.passwordChangeRequired() : passwordChangeRequired,
				twoFactorSetupRequired == null ? previous.twoFactorSetupRequired() : twoFactorSetupRequired, secretHash,
				previous.expiresAt());
		attach(grant);
		return new IssuedSession(secret, sessionId, previous.expiresAt(), false);
	}

	/**
	 * Hands session-service the grant for the session's current cookie value. Until it is
	 * there the gateway lets no request of the session through, so a failure ends the
	 * session rather than leave it half-made.
	 */
	private void attach(SessionGrant grant) {
		Map<String, Object> body = Map.of("secretHash", grant.secretHash(), "grant", this.signer.sign(grant));
		boolean attached;
		try {
			attached = call(() -> {
				try {
					this.http.put()
						.uri("/internal/users/{userId}/sessions/{sessionId}/grant", grant.userId(), grant.sessionId())
						.contentType(MediaType.APPLICATION_JSON)
						.body(body)
						.retrieve()
						.toBodilessEntity();
					return true;
				}
				catch (HttpClientErrorException.NotFound ex) {
					return false;
				}
			});
		}
		catch (SessionsUnavailableException ex) {
			endQuietly(grant.userId(), grant.sessionId());
			throw ex;
		}
		if (!attached) {
			endQuietly(grant.userId(), grant.sessionId());
			throw new SessionsUnavailableException();
		}
	}

	private void endQuietly(String userId, String sessionId) {
		try {
			end(userId, sessionId, "logout");
		}
		catch (SessionsUnavailableException ex) {
			// It has no grant: the gateway lets nothing through with it, and it expires
			// on its own.
		}
	}

	/**
	 * session-service's answer to a create or renew: never a cookie value, on renewal the
	 * grant held before.
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Opened(String sessionId, Instant expiresAt, boolean newDevice, String grant) {
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

	@Override
	public int count(String userId) {
		Map<?, ?> counted = call(() -> this.http.get()
			.uri("/internal/users/{userId}/sessions/count", userId)
			.retrieve()
			.body(Map.class));
		if (counted == null || !(counted.get("count") instanceof Number number)) {
			throw new SessionsUnavailableException();
		}
		return number.intValue();
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
