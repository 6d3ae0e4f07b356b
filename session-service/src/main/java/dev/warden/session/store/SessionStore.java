package dev.warden.session.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where sessions live. Every method that changes a session queues its event in the same
 * atomic step, so a change and its event are never separated. Sessions are addressed by
 * the hash of their secret.
 */
public interface SessionStore {

	/**
	 * Stores a new session for {@code ttl} and queues {@code created}; false, with
	 * nothing written, if a session is stored under {@code secretHash} already.
	 */
	boolean create(String secretHash, Session session, Duration ttl, Duration absoluteLifetime, QueuedEvent created);

	/**
	 * The live session with this secret hash, recording activity if the last was longer
	 * ago than {@code touchInterval}; empty if unknown or expired (an expired session is
	 * deleted).
	 */
	Optional<Session> introspect(String secretHash, Instant now, Duration idleTimeout, Duration touchInterval);

	/** The session by its public id, with the hash of its secret, without touching it. */
	Optional<StoredSession> findByPublicId(String publicId);

	/** The session by the hash of its secret, without touching it. */
	Optional<StoredSession> findBySecretHash(String secretHash);

	/** The user's live sessions; expired ones found on the way are pruned. */
	List<StoredSession> findByUser(String userId, Instant now, Duration idleTimeout);

	/**
	 * Ends the session if it is still the one with {@code publicId}; queues
	 * {@code revoked} only then.
	 */
	boolean revoke(StoredSession session, QueuedEvent revoked);

	/**
	 * Gives the session a new secret hash, applies {@code changes}, removes its grant (it
	 * was for the old cookie) and queues {@code renewed}, all in one step; nothing
	 * changes unless the outcome is {@link RenewOutcome.Renewed}.
	 */
	RenewOutcome renew(StoredSession session, String newSecretHash, SessionChanges changes, Instant now,
			Duration idleTimeout, QueuedEvent renewed);

	/**
	 * Stores {@code grant} in the session under {@code secretHash} if that is the user's
	 * live session with {@code publicId}, checked and written in one step; false, with
	 * nothing written, otherwise.
	 */
	boolean attachGrant(String secretHash, String publicId, String userId, String grant, Instant now,
			Duration idleTimeout);

	/** Whether the user has signed in before from a device with this fingerprint. */
	boolean knowsDevice(String userId, String fingerprint);

	/** A session with the hash of its secret, which addresses it in the store. */
	record StoredSession(String secretHash, Session session) {
	}

	/** What a renewal did. */
	sealed interface RenewOutcome {

		/**
		 * Moved to the new hash; {@code previousGrant} is the grant it held for the old
		 * one, or {@code null}.
		 */
		record Renewed(@Nullable String previousGrant) implements RenewOutcome {
		}

		/** Ended, expired, or renewed by someone else meanwhile. */
		record Gone() implements RenewOutcome {
		}

		/**
		 * A session is stored under the new hash already: a cookie value names one
		 * session, so nothing moved.
		 */
		record HashTaken() implements RenewOutcome {
		}

	}

}
