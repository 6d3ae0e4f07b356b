package dev.warden.token.lifecycle;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Predicate;

import dev.warden.event.token.TokenRevoked;
import dev.warden.event.token.TokenCreated;
import dev.warden.event.ByActor;
import dev.warden.event.CloudEvent;
import dev.warden.event.EventSources;
import dev.warden.event.Topics;
import dev.warden.support.outbox.OutboxWriter;
import dev.warden.event.ApiTokenFormat;
import dev.warden.token.owner.TokenOwners;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creating, listing and revoking a user's API tokens; each change commits with its event
 * (outbox).
 */
@Service
public class TokenService {

	public static final String SOURCE_PATH = EventSources.TOKEN_SERVICE;

	private final TokenStore tokens;

	private final TokenOwners owners;

	private final OutboxWriter outbox;

	private final TokenProperties properties;

	private final Clock clock;

	TokenService(TokenStore tokens, TokenOwners owners, OutboxWriter outbox, TokenProperties properties, Clock clock) {
		this.tokens = tokens;
		this.owners = owners;
		this.outbox = outbox;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Creates a token with the value the gateway made; the returned value is the only
	 * time the token itself exists outside the gateway and the caller.
	 * @param callerRoles the roles the caller holds now (from the gateway's internal JWT)
	 * @param granted the value and the grant the gateway signed for it, stored with the
	 * token's hash
	 */
	@Transactional
	public Created create(String userId, List<String> callerRoles, String name, int validityMonths, String role,
			GrantedValue granted, @Nullable String ip, @Nullable String userAgent) {
		if (!callerRoles.contains(role)) {
			throw TokenErrors.roleNotAllowed();
		}
		Instant now = this.clock.instant();
		this.tokens.lockUser(userId);
		List<ApiToken> active = this.tokens.findActiveByUser(userId, now);
		if (active.size() >= this.properties.maxActivePerUser()) {
			throw TokenErrors.tooManyTokens(this.properties.maxActivePerUser());
		}
		String key = name.toLowerCase(Locale.ROOT);
		if (active.stream().anyMatch((token) -> token.name().toLowerCase(Locale.ROOT).equals(key))) {
			throw TokenErrors.nameTaken();
		}
		// The owner's roles as of now; auth-service's events keep them current
		// afterwards.
		this.owners.upsert(userId, null, null, callerRoles, now);
		String secret = granted.value();
		// Calendar months: 31 January + 1 month is 28/29 February, not 3 March.
		Instant expiresAt = now.atOffset(ZoneOffset.UTC).plusMonths(validityMonths).toInstant();
		ApiToken token = new ApiToken(UUID.randomUUID(), userId, name, role, ApiTokenFormat.hash(secret),
				ApiTokenFormat.hint(secret), now, expiresAt, null, null, null, null, null, granted.grant());
		if (!this.tokens.insert(token)) {
			// Throwing rolls back the owner's row above too: a refused creation writes
			// nothing.
			throw TokenErrors.tokenExists();
		}
		this.outbox.append(Topics.TOKEN_EVENTS,
				CloudEvent.of(SOURCE_PATH, userId, new TokenCreated(token.id().toString(), token.name(), token.role(),
						token.hint(), token.expiresAt(), ip, userAgent)));
		return new Created(token, secret);
	}

	/** The reason of a revocation through the public door for exposed tokens. */
	public static final String REPORTED_EXPOSED = "reported_exposed";

	public List<ApiToken> list(String userId) {
		return this.tokens.findByUser(userId);
	}

	/** How many of the user's tokens work now (neither revoked nor expired). */
	public int countActive(String userId) {
		Instant now = this.clock.instant();
		return (int) list(userId).stream().filter((token) -> token.statusAt(now) == TokenStatus.ACTIVE).count();
	}

	/**
	 * Revokes one of the user's tokens; another user's token is "not found", never
	 * "forbidden".
	 */
	@Transactional
	public void revoke(String userId, UUID tokenId, String reason) {
		ApiToken token = this.tokens.findById(tokenId)
			.filter((found) -> found.userId().equals(userId))
			.orElseThrow(TokenErrors::notFound);
		if (this.tokens.revoke(tokenId, this.clock.instant(), reason)) {
			this.outbox.append(Topics.TOKEN_EVENTS,
					CloudEvent.of(SOURCE_PATH, userId, new TokenRevoked(token.id().toString(), token.name(),
							token.role(), token.hint(), token.expiresAt(), reason)));
		}
	}

	/**
	 * An administrator revokes every active token of the user; returns how many. Each is
	 * announced as {@code token.revoked}, reason {@code admin}, with the administrator.
	 */
	@Transactional
	public int revokeAll(String userId, String actorId) {
		return revokeActive(userId, (token) -> true, "admin", actorId);
	}

	/**
	 * Revokes every active token of the user whose role is not among {@code roles} (an
	 * administrator took it away), reason {@code role-removed}.
	 */
	@Transactional
	public int revokeWithoutRoles(String userId, List<String> roles, String actorId) {
		return revokeActive(userId, (token) -> !roles.contains(token.role()), "role-removed", actorId);
	}

	private int revokeActive(String userId, Predicate<ApiToken> which, String reason, String actorId) {
		Instant now = this.clock.instant();
		int revoked = 0;
		for (ApiToken token : this.tokens.findByUser(userId)) {
			if (token.statusAt(now) == TokenStatus.ACTIVE && which.test(token)
					&& this.tokens.revoke(token.id(), now, reason)) {
				this.outbox.append(Topics.TOKEN_EVENTS,
						CloudEvent.of(SOURCE_PATH, userId, new TokenRevoked(token.id().toString(), token.name(),
								token.role(), token.hint(), token.expiresAt(), reason, actorId)));
				revoked++;
			}
		}
		return revoked;
	}

	/**
	 * Revokes the active tokens among these hashes, reported exposed (found in a public
	 * repository, a log, a paste): reason {@code reported_exposed}, by the system. One
	 * query finds them and one transaction revokes them, however many were reported.
	 * Returns how many were revoked.
	 */
	@Transactional
	public int revokeExposed(java.util.Collection<String> tokenHashes) {
		Instant now = this.clock.instant();
		int revoked = 0;
		for (ApiToken token : this.tokens.findByHashes(tokenHashes)) {
			if (token.statusAt(now) == TokenStatus.ACTIVE && this.tokens.revoke(token.id(), now, REPORTED_EXPOSED)) {
				this.outbox.append(Topics.TOKEN_EVENTS,
						CloudEvent.of(SOURCE_PATH, token.userId(), new TokenRevoked(token.id().toString(), token.name(),
								token.role(), token.hint(), token.expiresAt(), REPORTED_EXPOSED, ByActor.SYSTEM)));
				revoked++;
			}
		}
		return revoked;
	}

	public Instant now() {
		return this.clock.instant();
	}

	/** A new token and, once, its value. */
	public record Created(ApiToken token, String secret) {

		@Override
		public String toString() {
			return "Created[" + this.token + "]";
		}
	}

}
