package dev.warden.gateway.authentication;

import java.time.Clock;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.warden.gateway.routing.Upstreams;
import dev.warden.serviceidentity.ServiceTokenMinter;
import dev.warden.serviceidentity.GrantException;
import dev.warden.serviceidentity.session.SessionGrantVerifier;
import dev.warden.serviceidentity.session.SessionSecrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.jspecify.annotations.Nullable;

/**
 * Asks session-service whether a session cookie is live, by the cookie's SHA-256 only
 * (session-service never sees a cookie value), behind a circuit breaker and a timeout,
 * and keeps live answers for a few seconds (Caffeine, keyed by that hash), never past the
 * session's end. {@link #evictSession(String)} drops a session the moment its revocation
 * is announced.
 * <p>
 * Who the session belongs to comes only from auth-service's grant in the answer, verified
 * with auth-service's public key and bound to the presented cookie's hash:
 * session-service only stores it, so a session-service taken over can neither make up an
 * identity nor hand one cookie another session's grant. An answer without a valid grant
 * is an inactive session, and is not cached.
 * <p>
 * Fail closed: the moment session-service cannot answer (its Redis is down, it is down,
 * the breaker is open), every cached answer is dropped and none is used until an
 * introspection succeeds again, so from the first failed call on no cookie passes — not
 * even one verified a few seconds earlier.
 */
@Component
public class SessionIntrospector {

	private static final Logger log = LoggerFactory.getLogger(SessionIntrospector.class);

	/**
	 * Key prefix of a user-wide eviction in {@code evictedAt} (session ids never contain
	 * a colon).
	 */
	private static final String USER = "user:";

	private final WebClient client;

	private final Cache<String, SessionIntrospection> cache;

	/**
	 * When each recently revoked or renewed session was evicted, on one counter with the
	 * introspection calls: an introspection that was asked before the eviction is
	 * answered but not cached (it raced the revocation).
	 */
	private final Cache<String, Long> evictedAt;

	private final java.util.concurrent.atomic.AtomicLong evictions = new java.util.concurrent.atomic.AtomicLong();

	private final ReactiveCircuitBreaker breaker;

	/**
	 * Set by a failed introspection, cleared by the next answer: while set, the cache is
	 * not used.
	 */
	private volatile boolean storeUnavailable;

	private final GatewayAuthProperties properties;

	private final ServiceTokenMinter serviceTokens;

	private final SessionGrantVerifier grants;

	SessionIntrospector(WebClient.Builder builder, Upstreams upstreams, GatewayAuthProperties properties,
			ServiceTokenMinter serviceTokens, SessionGrantVerifier grants,
			ReactiveCircuitBreakerFactory<?, ?> breakers) {
		this.client = upstreams.client(builder, Upstreams.SESSION);
		this.properties = properties;
		this.serviceTokens = serviceTokens;
		this.grants = grants;
		this.cache = Caffeine.newBuilder()
			.expireAfter(new SessionCacheExpiry(properties.cacheTtl(), Clock.systemUTC()))
			.maximumSize(100_000)
			.build();
		this.evictedAt = Caffeine.newBuilder()
			.expireAfterWrite(properties.introspectionTimeout().multipliedBy(2))
			.maximumSize(100_000)
			.build();
		this.breaker = breakers.create("session-introspection");
	}

	/**
	 * The session behind a cookie value; an error (never a pass) when session-service
	 * cannot answer.
	 */
	public Mono<SessionIntrospection> introspect(String secret) {
		if (!SessionSecrets.isWellFormed(secret)) {
			return Mono.just(SessionIntrospection.INACTIVE);
		}
		String key = SessionSecrets.hash(secret);
		SessionIntrospection cached = this.storeUnavailable ? null : this.cache.getIfPresent(key);
		if (cached != null) {
			return Mono.just(cached);
		}
		long asked = this.evictions.incrementAndGet();
		Mono<SessionAnswer> call = this.client.post()
			.uri("/internal/sessions/introspect")
			.headers((headers) -> headers.setBearerAuth(this.serviceTokens.tokenFor(Upstreams.SESSION)))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("secretHash", key))
			.retrieve()
			.bodyToMono(SessionAnswer.class)
			.timeout(this.properties.introspectionTimeout());
		return this.breaker.run(call, (error) -> {
			// Too many introspections in flight says nothing about the store: refuse this
			// one, keep trusting the cache
			// (else a flood of made-up cookies would sign every user out of this
			// replica).
			if (!(error instanceof io.github.resilience4j.bulkhead.BulkheadFullException)) {
				this.storeUnavailable = true;
				this.cache.invalidateAll();
			}
			return Mono.error(new AuthenticationUnavailableException(error));
		}).map((answer) -> granted(answer, key)).doOnNext((result) -> {
			this.storeUnavailable = false;
			// An answer given before the session (or its user's sessions) was revoked or
			// renewed must not outlive that news.
			if (result.active() && result.sessionId() != null && !evictedSince(asked, result.sessionId())
					&& !evictedSince(asked, USER + result.userId())) {
				this.cache.put(key, result);
			}
		});
	}

	/**
	 * The session the answer's grant names, if the grant is auth-service's and for this
	 * cookie; else inactive.
	 */
	private SessionIntrospection granted(SessionAnswer answer, String secretHash) {
		if (!answer.active()) {
			return SessionIntrospection.INACTIVE;
		}
		try {
			return SessionIntrospection.of(this.grants.verify(answer.grant(), secretHash));
		}
		catch (GrantException ex) {
			log.warn("session-service answered a session without a valid grant, refused: {}", ex.getMessage());
			return SessionIntrospection.INACTIVE;
		}
	}

	/** Forgets a session at once, on every replica that hears of its revocation. */
	public void evictSession(@Nullable String publicId) {
		if (publicId != null) {
			this.evictedAt.put(publicId, this.evictions.incrementAndGet());
			this.cache.asMap().values().removeIf((cached) -> publicId.equals(cached.sessionId()));
		}
	}

	/** Forgets one cookie's session at once (its sign-out went through this replica). */
	public void forget(String secret) {
		if (SessionSecrets.isWellFormed(secret)) {
			String key = SessionSecrets.hash(secret);
			SessionIntrospection cached = this.cache.getIfPresent(key);
			if (cached != null) {
				evictSession(cached.sessionId());
			}
			this.cache.invalidate(key);
		}
	}

	private boolean evictedSince(long asked, String key) {
		Long evicted = key == null ? null : this.evictedAt.getIfPresent(key);
		return evicted != null && evicted > asked;
	}

	/**
	 * Forgets every cached session of a user but one (the caller's, after "end other
	 * sessions"), at once.
	 */
	public void evictUser(@Nullable String userId, @Nullable String keptSessionId) {
		if (userId != null) {
			this.evictedAt.put(USER + userId, this.evictions.incrementAndGet());
			this.cache.asMap()
				.values()
				.removeIf((cached) -> userId.equals(cached.userId())
						&& !java.util.Objects.equals(cached.sessionId(), keptSessionId));
		}
	}

}
