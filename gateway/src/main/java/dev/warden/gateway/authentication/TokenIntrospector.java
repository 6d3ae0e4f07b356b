package dev.warden.gateway.authentication;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.warden.serviceidentity.ClientLimits;
import dev.warden.event.ApiTokenFormat;
import dev.warden.gateway.routing.Upstreams;
import dev.warden.serviceidentity.GrantException;
import dev.warden.serviceidentity.ServiceTokenMinter;
import dev.warden.serviceidentity.token.TokenGrant;
import dev.warden.serviceidentity.token.TokenGrants;
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
 * Asks token-service whether an API token may act, behind a circuit breaker and a
 * timeout, and keeps live answers for a few seconds (keyed by the token's SHA-256, never
 * the token). {@link #evictToken(String)} drops a token the moment its revocation is
 * announced, {@link #evictUser(String)} all of a user's. A token failing its checksum
 * never leaves the gateway, and token-service's word on whose a token is counts only as
 * far as the grant the gateway signed at its creation.
 */
@Component
public class TokenIntrospector {

	private static final Logger log = LoggerFactory.getLogger(TokenIntrospector.class);

	static final String PREFIX = ApiTokenFormat.PREFIX;

	private final WebClient client;

	private final Cache<String, TokenIntrospection> cache;

	/**
	 * When each recently revoked token (key {@code token:<id>}) or user
	 * ({@code user:<id>}) was evicted, on one counter with the introspection calls: an
	 * introspection asked before the eviction is answered but not cached (it raced the
	 * revocation, and token-service may have said "active" a moment before it).
	 */
	private final Cache<String, Long> evictedAt;

	private final AtomicLong evictions = new AtomicLong();

	private final ReactiveCircuitBreaker breaker;

	private final GatewayAuthProperties properties;

	private final ServiceTokenMinter serviceTokens;

	private final TokenGrants grants;

	TokenIntrospector(WebClient.Builder builder, Upstreams upstreams, GatewayAuthProperties properties,
			ServiceTokenMinter serviceTokens, ReactiveCircuitBreakerFactory<?, ?> breakers, TokenGrants grants) {
		this.grants = grants;
		this.client = upstreams.client(builder, Upstreams.TOKEN);
		this.properties = properties;
		this.serviceTokens = serviceTokens;
		this.cache = Caffeine.newBuilder().expireAfterWrite(properties.cacheTtl()).maximumSize(100_000).build();
		this.evictedAt = Caffeine.newBuilder()
			.expireAfterWrite(properties.introspectionTimeout().multipliedBy(2))
			.maximumSize(100_000)
			.build();
		this.breaker = breakers.create("token-introspection");
	}

	/** The token's standing; an error (never a pass) when token-service cannot answer. */
	public Mono<TokenIntrospection> introspect(String token, @Nullable String ip, @Nullable String userAgent) {
		// Prefix, length and CRC32 checksum first: a mistyped or made-up token never
		// leaves the gateway.
		if (!ApiTokenFormat.isWellFormed(token)) {
			return Mono.just(TokenIntrospection.MALFORMED);
		}
		String key = hash(token);
		TokenIntrospection cached = this.cache.getIfPresent(key);
		if (cached != null) {
			return Mono.just(cached);
		}
		long asked = this.evictions.incrementAndGet();
		Map<String, String> body = new HashMap<>();
		// By its hash: token-service never receives a token in use, so one taken over
		// cannot collect them.
		body.put("tokenHash", ApiTokenFormat.hash(token));
		body.put("ip", ip);
		body.put("userAgent", ClientLimits.userAgent(userAgent));
		Mono<TokenIntrospection> call = this.client.post()
			.uri("/internal/tokens/introspect")
			.headers((headers) -> headers.setBearerAuth(this.serviceTokens.tokenFor(Upstreams.TOKEN)))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.retrieve()
			.bodyToMono(TokenIntrospection.class)
			.timeout(this.properties.introspectionTimeout());
		return this.breaker.run(call, (error) -> Mono.error(new AuthenticationUnavailableException(error)))
			.map((answer) -> granted(answer, token))
			.doOnNext((result) -> {
				if (result.active() && !evictedSince(asked, "token:" + result.tokenId())
						&& !evictedSince(asked, "user:" + result.userId())) {
					this.cache.put(key, result);
				}
			});
	}

	/**
	 * What token-service says, believed only as far as the grant the gateway signed when
	 * the token was made: the owner is the grant's, the role must be the grant's, and the
	 * grant ends with the validity the owner chose. Anything else is an unknown token.
	 */
	private TokenIntrospection granted(TokenIntrospection answer, String token) {
		if (!answer.active()) {
			return answer;
		}
		try {
			TokenGrant grant = this.grants.verify(answer.grant(), ApiTokenFormat.hash(token));
			if (!grant.role().equals(answer.role())) {
				throw new GrantException("role not granted");
			}
			return new TokenIntrospection(true, null, answer.tokenId(), grant.userId(), answer.role(),
					answer.expiresAt(), null);
		}
		catch (GrantException ex) {
			log.warn("token-service answered a token without a valid grant, refused: {}", ex.getMessage());
			return TokenIntrospection.UNGRANTED;
		}
	}

	private boolean evictedSince(long asked, String key) {
		Long evicted = this.evictedAt.getIfPresent(key);
		return evicted != null && evicted > asked;
	}

	/** Forgets a token at once, on every replica that hears of its revocation. */
	public void evictToken(@Nullable String tokenId) {
		if (tokenId != null) {
			this.evictedAt.put("token:" + tokenId, this.evictions.incrementAndGet());
			this.cache.asMap().values().removeIf((cached) -> tokenId.equals(cached.tokenId()));
		}
	}

	/** Forgets every cached token of a user at once. */
	public void evictUser(@Nullable String userId) {
		if (userId != null) {
			this.evictedAt.put("user:" + userId, this.evictions.incrementAndGet());
			this.cache.asMap().values().removeIf((cached) -> userId.equals(cached.userId()));
		}
	}

	private static String hash(String token) {
		try {
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
