package dev.warden.session.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Repository;

/**
 * Sessions in Redis: a hash per session keyed by the SHA-256 of its secret, a pointer
 * from the public id, a sorted set per user (scored by absolute expiry) so listing costs
 * O(sessions of that user), and a stream as the outbox of session events. Every multi-key
 * change is one Lua script, so it is atomic. (The scripts name only keys passed to them,
 * except the pruning on listing, so this layout suits a single Redis or a primary with
 * replicas, not Redis Cluster.)
 */
@Repository
class RedisSessionStore implements SessionStore {

	static final int DEVICES_KEPT = 50;

	static final Duration DEVICES_RETENTION = Duration.ofDays(180);

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> INTROSPECT = script("introspect.lua", List.class);

	private static final RedisScript<Long> CREATE = script("create.lua", Long.class);

	private static final RedisScript<Long> REVOKE = script("revoke.lua", Long.class);

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> RENEW = script("renew.lua", List.class);

	private static final RedisScript<Long> GRANT = script("grant.lua", Long.class);

	private static final RedisScript<Long> PRUNE = script("prune.lua", Long.class);

	private final StringRedisTemplate redis;

	RedisSessionStore(StringRedisTemplate redis) {
		this.redis = redis;
	}

	private static <T> RedisScript<T> script(String name, Class<T> type) {
		try (InputStream text = new ClassPathResource("scripts/" + name).getInputStream()) {
			// The field names come from SessionFields, the one place they are defined.
			return new DefaultRedisScript<>(
					SessionFields.luaTable() + new String(text.readAllBytes(), StandardCharsets.UTF_8), type);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Session script " + name + " is missing", ex);
		}
	}

	@Override
	public boolean create(String secretHash, Session session, Duration ttl, Duration absoluteLifetime,
			QueuedEvent created) {
		List<String> args = new ArrayList<>(
				List.of(Long.toString(ttl.toMillis()), SessionFields.millis(session.absoluteExpiresAt()),
						session.publicId(), SessionFields.millis(session.createdAt()), session.device().fingerprint(),
						Integer.toString(DEVICES_KEPT), Long.toString(absoluteLifetime.toMillis()),
						Long.toString(DEVICES_RETENTION.toMillis()), created.key(), created.json()));
		SessionFields.toHash(session).forEach((field, value) -> {
			args.add(field);
			args.add(value == null ? "" : value);
		});
		Long done = this.redis.execute(CREATE,
				List.of(SessionKeys.session(secretHash), SessionKeys.publicId(session.publicId()),
						SessionKeys.user(session.userId()), SessionKeys.devices(session.userId()), QueuedEvent.STREAM),
				args.toArray());
		return done != null && done == 1L;
	}

	@Override
	public Optional<Session> introspect(String secretHash, Instant now, Duration idleTimeout, Duration touchInterval) {
		List<?> values = this.redis.execute(INTROSPECT, List.of(SessionKeys.session(secretHash)),
				SessionFields.millis(now), Long.toString(idleTimeout.toMillis()),
				Long.toString(touchInterval.toMillis()));
		// A nil script reply arrives as null or as a one-element list holding null,
		// depending on the driver.
		if (values == null || values.isEmpty() || values.get(0) == null) {
			return Optional.empty();
		}
		return Optional.of(SessionFields.fromHash(SessionFields.fromFlatList(values)));
	}

	@Override
	public Optional<StoredSession> findByPublicId(String publicId) {
		String sessionKey = this.redis.opsForValue().get(SessionKeys.publicId(publicId));
		if (sessionKey == null) {
			return Optional.empty();
		}
		return read(SessionKeys.secretHashOf(sessionKey));
	}

	@Override
	public Optional<StoredSession> findBySecretHash(String secretHash) {
		return read(secretHash);
	}

	private Optional<StoredSession> read(String secretHash) {
		Map<Object, Object> fields = this.redis.opsForHash().entries(SessionKeys.session(secretHash));
		if (fields.isEmpty()) {
			return Optional.empty();
		}
		Map<String, String> strings = new java.util.LinkedHashMap<>();
		fields.forEach((field, value) -> strings.put(String.valueOf(field), String.valueOf(value)));
		return Optional.of(new StoredSession(secretHash, SessionFields.fromHash(strings)));
	}

	@Override
	public List<StoredSession> findByUser(String userId, Instant now, Duration idleTimeout) {
		String index = SessionKeys.user(userId);
		this.redis.opsForZSet().removeRangeByScore(index, Double.NEGATIVE_INFINITY, now.toEpochMilli());
		Set<String> publicIds = this.redis.opsForZSet().range(index, 0, -1);
		List<StoredSession> sessions = new ArrayList<>();
		if (publicIds == null) {
			return sessions;
		}
		for (String publicId : publicIds) {
			String pointer = SessionKeys.publicId(publicId);
			String sessionKey = this.redis.opsForValue().get(pointer);
			Optional<StoredSession> found = sessionKey == null ? Optional.empty()
					: read(SessionKeys.secretHashOf(sessionKey))
						.filter((stored) -> stored.session().publicId().equals(publicId));
			if (found.isEmpty() && sessionKey != null) {
				// Renewed between the two reads (renamed, pointer moved on): follow the
				// pointer once more.
				String moved = this.redis.opsForValue().get(pointer);
				if (moved != null && !moved.equals(sessionKey)) {
					sessionKey = moved;
					found = read(SessionKeys.secretHashOf(moved))
						.filter((stored) -> stored.session().publicId().equals(publicId));
				}
			}
			if (found.isPresent() && !found.get().session().isExpired(now, idleTimeout)) {
				sessions.add(found.get());
			}
			else if (found.isPresent()) {
				// Expired: drop the leftovers so the index stays O(live sessions).
				this.redis.opsForZSet().remove(index, publicId);
				this.redis.delete(pointer);
				this.redis.delete(SessionKeys.session(found.get().secretHash()));
			}
			else {
				// Gone, unless it moved meanwhile: the script checks and drops
				// atomically.
				this.redis.execute(PRUNE, List.of(pointer, index), sessionKey == null ? "" : sessionKey, publicId);
			}
		}
		return sessions;
	}

	@Override
	public boolean revoke(StoredSession stored, QueuedEvent revoked) {
		Session session = stored.session();
		Long done = this.redis.execute(REVOKE,
				List.of(SessionKeys.session(stored.secretHash()), SessionKeys.publicId(session.publicId()),
						SessionKeys.user(session.userId()), QueuedEvent.STREAM),
				session.publicId(), revoked.key(), revoked.json());
		return done != null && done == 1L;
	}

	@Override
	public RenewOutcome renew(StoredSession stored, String newSecretHash, SessionChanges changes, Instant now,
			Duration idleTimeout, QueuedEvent renewed) {
		List<String> args = new ArrayList<>(List.of(stored.session().publicId(), SessionFields.millis(now),
				Long.toString(idleTimeout.toMillis()), renewed.key(), renewed.json()));
		args.addAll(SessionFields.changes(changes));
		List<?> reply = this.redis.execute(RENEW,
				List.of(SessionKeys.session(stored.secretHash()), SessionKeys.session(newSecretHash),
						SessionKeys.publicId(stored.session().publicId()), QueuedEvent.STREAM),
				args.toArray());
		List<String> outcome = (reply == null) ? List.of() : reply.stream().map(SessionFields::text).toList();
		if (outcome.size() == 2 && "renewed".equals(outcome.get(0))) {
			return new RenewOutcome.Renewed(outcome.get(1).isEmpty() ? null : outcome.get(1));
		}
		return (outcome.size() == 1 && "taken".equals(outcome.get(0))) ? new RenewOutcome.HashTaken()
				: new RenewOutcome.Gone();
	}

	@Override
	public boolean attachGrant(String secretHash, String publicId, String userId, String grant, Instant now,
			Duration idleTimeout) {
		Long done = this.redis.execute(GRANT, List.of(SessionKeys.session(secretHash)), publicId, userId,
				SessionFields.millis(now), Long.toString(idleTimeout.toMillis()), grant);
		return done != null && done == 1L;
	}

	@Override
	public boolean knowsDevice(String userId, String fingerprint) {
		return this.redis.opsForZSet().score(SessionKeys.devices(userId), fingerprint) != null;
	}

}
