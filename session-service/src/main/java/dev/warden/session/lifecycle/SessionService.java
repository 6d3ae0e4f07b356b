package dev.warden.session.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.warden.serviceidentity.session.SessionSecrets;
import dev.warden.session.device.Device;
import dev.warden.session.device.DeviceParser;
import dev.warden.session.store.Session;
import dev.warden.session.store.SessionChanges;
import dev.warden.session.store.SessionStore;
import dev.warden.session.store.SessionStore.RenewOutcome;
import dev.warden.session.store.SessionStore.StoredSession;

import org.springframework.stereotype.Service;
import org.jspecify.annotations.Nullable;

/** The life of a session: sign-in, use, renewal, and every way it ends. */
@Service
public class SessionService {

	private final SessionStore store;

	private final SessionEvents events;

	private final DeviceParser devices;

	private final SessionProperties properties;

	private final Clock clock;

	SessionService(SessionStore store, SessionEvents events, DeviceParser devices, SessionProperties properties,
			Clock clock) {
		this.store = store;
		this.events = events;
		this.devices = devices;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Stores a new session under the hash auth-service sent; 409 {@code session_exists}
	 * if one is there already.
	 */
	public IssuedSession create(NewSession request) {
		Instant now = this.clock.instant();
		Device device = this.devices.parse(request.userAgent());
		Session session = new Session(PublicIds.newId(), request.userId(), request.roles(), request.authMethods(), now,
				now, now, now.plus(this.properties.absoluteLifetime()), request.ip(), request.userAgent(), device,
				request.passwordChangeRequired(), request.twoFactorSetupRequired(), null);
		boolean newDevice = !this.store.knowsDevice(request.userId(), device.fingerprint());
		if (!this.store.create(request.secretHash(), session, ttl(now, session), this.properties.absoluteLifetime(),
				this.events.created(session, newDevice))) {
			throw SecretHashErrors.inUse();
		}
		return new IssuedSession(session, newDevice);
	}

	/**
	 * The live session stored under a cookie value's hash, recording the activity; empty
	 * for anything else.
	 */
	public Optional<Session> introspect(String secretHash) {
		if (!SessionSecrets.isWellFormed(secretHash)) {
			return Optional.empty();
		}
		return this.store.introspect(secretHash, this.clock.instant(), this.properties.idleTimeout(),
				this.properties.touchInterval());
	}

	/**
	 * Moves the user's session with this public id to a new cookie value's hash, keeping
	 * its public id and history, after a password change, a second sign-in step or a
	 * re-authentication, so an old (fixated or stolen) cookie stops working. The grant
	 * signed for the old cookie is removed with it and handed back. 409
	 * {@code session_exists} if a session is stored under the new hash already.
	 * @param authMethods the methods now proven, or {@code null} to keep them
	 * @param reauthenticated whether the user has just proved who they are (restarts the
	 * recent-auth window)
	 * @param flags the new flags, each {@code null} to keep it
	 */
	public Optional<RenewedSession> renew(String userId, String publicId, String newSecretHash,
			@Nullable List<String> authMethods, boolean reauthenticated, Flags flags) {
		Optional<StoredSession> live = findLive(userId, publicId);
		if (live.isEmpty()) {
			return Optional.empty();
		}
		StoredSession found = live.get();
		Instant now = this.clock.instant();
		SessionChanges changes = new SessionChanges(authMethods, reauthenticated ? now : null,
				flags.passwordChangeRequired(), flags.twoFactorSetupRequired());
		RenewOutcome outcome = this.store.renew(found, newSecretHash, changes, now, this.properties.idleTimeout(),
				this.events.renewed(found.session(), reauthenticated));
		if (outcome instanceof RenewOutcome.HashTaken) {
			throw SecretHashErrors.inUse();
		}
		if (!(outcome instanceof RenewOutcome.Renewed done)) {
			return Optional.empty();
		}
		return this.store.findBySecretHash(newSecretHash)
			.map((renewed) -> new RenewedSession(renewed.session(), done.previousGrant()));
	}

	/**
	 * Stores the grant auth-service signed for a session's current cookie value: only if
	 * the user's live session with this public id is stored under exactly
	 * {@code secretHash} (checked and written in one step, so a grant for a cookie that a
	 * renewal has just replaced never lands). Replaces an earlier grant.
	 */
	public boolean attachGrant(String userId, String publicId, String secretHash, String grant) {
		if (!PublicIds.isWellFormed(publicId) || !SessionSecrets.isWellFormed(secretHash)) {
			return false;
		}
		return this.store.attachGrant(secretHash, publicId, userId, grant, this.clock.instant(),
				this.properties.idleTimeout());
	}

	/**
	 * What a renewal sets about what the session must do first; {@code null} keeps a flag
	 * as it is.
	 *
	 * @param passwordChangeRequired the password must change before anything else
	 * @param twoFactorSetupRequired two-factor authentication must be set up before
	 * anything else
	 */
	public record Flags(@Nullable Boolean passwordChangeRequired, @Nullable Boolean twoFactorSetupRequired) {

		public static final Flags KEEP = new Flags(null, null);

	}

	/** The user's live sessions, most recently active first. */
	public List<Session> list(String userId) {
		return this.store.findByUser(userId, this.clock.instant(), this.properties.idleTimeout())
			.stream()
			.map(StoredSession::session)
			.sorted(Comparator.comparing(Session::lastActiveAt).reversed())
			.toList();
	}

	/**
	 * Ends one session of the user; false when the user has no live session with that
	 * public id.
	 */
	public boolean revoke(String userId, String publicId, RevocationReason reason) {
		return findLive(userId, publicId).map((stored) -> end(stored, reason)).orElse(false);
	}

	/**
	 * Ends every session of the user except {@code keepPublicId} that began before
	 * {@code createdBefore}, so a redelivered request never ends a session opened after
	 * it. Returns how many ended.
	 */
	public int endOthers(String userId, @Nullable String keepPublicId, Instant createdBefore, RevocationReason reason) {
		int ended = 0;
		for (StoredSession stored : this.store.findByUser(userId, this.clock.instant(),
				this.properties.idleTimeout())) {
			Session session = stored.session();
			if (!session.publicId().equals(keepPublicId) && session.createdAt().isBefore(createdBefore)
					&& end(stored, reason)) {
				ended++;
			}
		}
		return ended;
	}

	public Duration idleTimeout() {
		return this.properties.idleTimeout();
	}

	public Instant now() {
		return this.clock.instant();
	}

	private Optional<StoredSession> findLive(String userId, String publicId) {
		if (!PublicIds.isWellFormed(publicId)) {
			return Optional.empty();
		}
		return this.store.findByPublicId(publicId)
			.filter((stored) -> stored.session().userId().equals(userId))
			.filter((stored) -> !stored.session().isExpired(this.clock.instant(), this.properties.idleTimeout()));
	}

	private boolean end(StoredSession stored, RevocationReason reason) {
		return this.store.revoke(stored, this.events.revoked(stored.session(), reason));
	}

	private Duration ttl(Instant now, Session session) {
		Duration untilAbsolute = Duration.between(now, session.absoluteExpiresAt());
		return untilAbsolute.compareTo(this.properties.idleTimeout()) < 0 ? untilAbsolute
				: this.properties.idleTimeout();
	}

}
