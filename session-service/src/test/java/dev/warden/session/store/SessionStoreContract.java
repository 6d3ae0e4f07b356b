package dev.warden.session.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.warden.event.CloudEvent;
import dev.warden.event.EventSources;
import dev.warden.event.EventTypes;
import dev.warden.session.device.Device;
import dev.warden.session.store.SessionStore.RenewOutcome;
import dev.warden.session.store.SessionStore.StoredSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every {@link SessionStore} does, stated through its public methods only: a
 * concrete test supplies the store and a way to read the events it queued. Times are
 * passed explicitly, so expiry is tested without waiting.
 */
public abstract class SessionStoreContract {

	static final Duration IDLE = Duration.ofMinutes(30);

	static final Duration TOUCH = Duration.ofMinutes(1);

	static final Duration LIFETIME = Duration.ofHours(12);

	static final Device LAPTOP = new Device("Chrome 120", "Windows 10", "desktop");

	static final Device PHONE = new Device("Mobile Safari 17", "iOS 17", "mobile");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * Close to the store's own clock, as the service's clock is; millisecond precision.
	 */
	protected Instant t0;

	protected String user;

	protected abstract SessionStore store();

	/**
	 * The JSON of the events queued under {@code key}, in the order queued, once at least
	 * {@code atLeast} are there (or a timeout passed).
	 */
	protected abstract List<String> queuedEvents(String key, int atLeast);

	@BeforeEach
	void freshUserAndTime() {
		this.t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		this.user = "contract-" + UUID.randomUUID();
	}

	@Test
	void aCreatedSessionIsFoundByItsSecretHashAndByItsPublicIdWithEveryField() {
		String hash = newHash();
		Session session = new Session(newPublicId(), this.user, List.of("USER", "ADMIN"), List.of("pwd", "otp"),
				this.t0.minusSeconds(5), this.t0.minusSeconds(2), this.t0.minusSeconds(1), this.t0.plus(LIFETIME),
				"203.0.113.7", "Mozilla/5.0 (Windows NT 10.0)", LAPTOP, true, true, "header.payload.signature");

		assertThat(store().create(hash, session, IDLE, LIFETIME, event(EventTypes.SESSION_CREATED, session))).isTrue();

		assertThat(store().findBySecretHash(hash)).hasValue(new StoredSession(hash, session));
		assertThat(store().findByPublicId(session.publicId())).hasValue(new StoredSession(hash, session));
	}

	@Test
	void aSessionWithoutAGrantOrRolesRoundTripsAsSuch() {
		String hash = newHash();
		Session session = new Session(newPublicId(), this.user, List.of(), List.of(), this.t0, this.t0, this.t0,
				this.t0.plus(LIFETIME), "2001:db8::1", "curl/8", PHONE, false, false, null);

		create(hash, session);

		assertThat(store().findBySecretHash(hash).map(StoredSession::session)).hasValue(session);
	}

	@Test
	void unknownHashesAndPublicIdsFindNothing() {
		assertThat(store().findBySecretHash(newHash())).isEmpty();
		assertThat(store().findByPublicId(newPublicId())).isEmpty();
		assertThat(store().introspect(newHash(), this.t0, IDLE, TOUCH)).isEmpty();
		assertThat(store().findByUser(this.user, this.t0, IDLE)).isEmpty();
	}

	@Test
	void aSecondSessionUnderTheSameHashIsRefusedAndChangesNothing() {
		String hash = newHash();
		Session first = session(LAPTOP);
		create(hash, first);
		String intruder = "intruder-" + UUID.randomUUID();
		Session second = new Session(newPublicId(), intruder, List.of("ADMIN"), List.of("pwd"), this.t0, this.t0,
				this.t0, this.t0.plus(LIFETIME), "198.51.100.9", "Firefox", PHONE, false, false, null);

		boolean created = store().create(hash, second, IDLE, LIFETIME, event(EventTypes.SESSION_CREATED, second));

		assertThat(created).isFalse();
		assertThat(store().findBySecretHash(hash)).hasValue(new StoredSession(hash, first));
		assertThat(store().findByPublicId(second.publicId())).isEmpty();
		assertThat(store().findByUser(intruder, this.t0, IDLE)).isEmpty();
		// Not even the device of the refused session is remembered.
		assertThat(store().knowsDevice(intruder, PHONE.fingerprint())).isFalse();
		assertThat(store().findByUser(this.user, this.t0, IDLE)).extracting((s) -> s.session().publicId())
			.containsExactly(first.publicId());
	}

	@Test
	void introspectionRecordsActivityAtMostOncePerTouchInterval() {
		String hash = newHash();
		create(hash, session(LAPTOP));

		Optional<Session> early = store().introspect(hash, this.t0.plusSeconds(30), IDLE, TOUCH);
		Instant afterEarly = lastActive(hash);
		Optional<Session> late = store().introspect(hash, this.t0.plusSeconds(61), IDLE, TOUCH);
		Instant afterLate = lastActive(hash);

		assertThat(early).map(Session::lastActiveAt).hasValue(this.t0);
		assertThat(afterEarly).as("within the touch interval: no write").isEqualTo(this.t0);
		assertThat(late).map(Session::lastActiveAt).hasValue(this.t0.plusSeconds(61));
		assertThat(afterLate).isEqualTo(this.t0.plusSeconds(61));
	}

	@Test
	void introspectionSlidesTheIdleExpiry() {
		String hash = newHash();
		create(hash, session(LAPTOP));
		Instant touched = this.t0.plus(Duration.ofMinutes(29));

		assertThat(store().introspect(hash, touched, IDLE, TOUCH)).isPresent();

		// Past the first idle expiry, but within the one the touch slid.
		assertThat(store().introspect(hash, this.t0.plus(Duration.ofMinutes(58)), IDLE, TOUCH)).isPresent();
	}

	@Test
	void anIdleSessionIsGoneOnIntrospectionAndDeleted() {
		String hash = newHash();
		Session session = session(LAPTOP);
		create(hash, session);

		assertThat(store().introspect(hash, this.t0.plus(IDLE), IDLE, TOUCH)).isEmpty();

		assertThat(store().findBySecretHash(hash)).isEmpty();
		// Still gone if asked again with an earlier time: deleted, not just hidden.
		assertThat(store().introspect(hash, this.t0.plusSeconds(1), IDLE, TOUCH)).isEmpty();
	}

	@Test
	void aSessionPastItsAbsoluteLifetimeIsGoneWhateverItsActivity() {
		String hash = newHash();
		Session session = new Session(newPublicId(), this.user, List.of("USER"), List.of("pwd"), this.t0, this.t0,
				this.t0, this.t0.plus(Duration.ofMinutes(10)), "203.0.113.7", "ua", LAPTOP, false, false, null);
		create(hash, session);
		assertThat(store().introspect(hash, this.t0.plus(Duration.ofMinutes(9)), IDLE, TOUCH)).isPresent();

		assertThat(store().introspect(hash, this.t0.plus(Duration.ofMinutes(10)), IDLE, TOUCH)).isEmpty();
		assertThat(store().findBySecretHash(hash)).isEmpty();
	}

	@Test
	void renewalMovesTheSessionToTheNewHashAndThePublicIdFollows() {
		String oldHash = newHash();
		String newHash = newHash();
		Session session = session(LAPTOP);
		StoredSession stored = create(oldHash, session);
		Instant now = this.t0.plusSeconds(90);

		RenewOutcome outcome = store().renew(stored, newHash,
				new SessionChanges(List.of("pwd", "otp"), now, null, null), now, IDLE,
				event(EventTypes.SESSION_RENEWED, session));

		assertThat(outcome).isEqualTo(new RenewOutcome.Renewed(null));
		assertThat(store().findBySecretHash(oldHash)).isEmpty();
		assertThat(store().introspect(oldHash, now, IDLE, TOUCH)).isEmpty();
		StoredSession renewed = store().findBySecretHash(newHash).orElseThrow();
		assertThat(store().findByPublicId(session.publicId())).hasValue(renewed);
		assertThat(renewed.session().publicId()).isEqualTo(session.publicId());
		assertThat(renewed.session().userId()).isEqualTo(this.user);
		assertThat(renewed.session().createdAt()).as("history kept").isEqualTo(session.createdAt());
		assertThat(renewed.session().authMethods()).containsExactly("pwd", "otp");
		assertThat(renewed.session().authenticatedAt()).isEqualTo(now);
		assertThat(renewed.session().lastActiveAt()).isEqualTo(now);
		assertThat(store().findByUser(this.user, now, IDLE)).containsExactly(renewed);
	}

	@Test
	void renewalHandsBackThePreviousGrantAndLeavesTheNewHashWithoutOne() {
		String oldHash = newHash();
		String newHash = newHash();
		Session session = session(LAPTOP);
		StoredSession stored = create(oldHash, session);
		assertThat(store().attachGrant(oldHash, session.publicId(), this.user, "old.grant.sig", this.t0, IDLE))
			.isTrue();
		stored = store().findBySecretHash(oldHash).orElseThrow();
		assertThat(stored.session().grant()).isEqualTo("old.grant.sig");

		RenewOutcome outcome = store().renew(stored, newHash, SessionChanges.NONE, this.t0.plusSeconds(1), IDLE,
				event(EventTypes.SESSION_RENEWED, session));

		assertThat(outcome).isEqualTo(new RenewOutcome.Renewed("old.grant.sig"));
		assertThat(store().findBySecretHash(newHash).orElseThrow().session().grant()).isNull();
		assertThat(store().introspect(newHash, this.t0.plusSeconds(2), IDLE, TOUCH).orElseThrow().grant()).isNull();
	}

	@Test
	void renewalOntoAHashInUseIsRefusedAndChangesNothing() {
		String laptopHash = newHash();
		String phoneHash = newHash();
		Session laptop = session(LAPTOP);
		Session phone = session(PHONE);
		StoredSession stored = create(laptopHash, laptop);
		create(phoneHash, phone);

		RenewOutcome ontoPhone = store().renew(stored, phoneHash, new SessionChanges(List.of("otp"), null, null, null),
				this.t0.plusSeconds(5), IDLE, event(EventTypes.SESSION_RENEWED, laptop));
		RenewOutcome ontoItself = store().renew(stored, laptopHash,
				new SessionChanges(List.of("otp"), null, null, null), this.t0.plusSeconds(5), IDLE,
				event(EventTypes.SESSION_RENEWED, laptop));

		assertThat(ontoPhone).isEqualTo(new RenewOutcome.HashTaken());
		assertThat(ontoItself).isEqualTo(new RenewOutcome.HashTaken());
		assertThat(store().findBySecretHash(laptopHash)).hasValue(new StoredSession(laptopHash, laptop));
		assertThat(store().findBySecretHash(phoneHash)).hasValue(new StoredSession(phoneHash, phone));
		assertThat(store().findByPublicId(laptop.publicId())).hasValue(new StoredSession(laptopHash, laptop));
	}

	@Test
	void aRenewedSessionCannotBeRenewedOrRevokedThroughItsOldStoredSession() {
		String oldHash = newHash();
		String newHash = newHash();
		Session session = session(LAPTOP);
		StoredSession stale = create(oldHash, session);
		assertThat(store().renew(stale, newHash, SessionChanges.NONE, this.t0.plusSeconds(1), IDLE,
				event(EventTypes.SESSION_RENEWED, session)))
			.isInstanceOf(RenewOutcome.Renewed.class);

		RenewOutcome again = store().renew(stale, newHash(), SessionChanges.NONE, this.t0.plusSeconds(2), IDLE,
				event(EventTypes.SESSION_RENEWED, session));
		boolean revoked = store().revoke(stale, event(EventTypes.SESSION_REVOKED, session));

		assertThat(again).isEqualTo(new RenewOutcome.Gone());
		assertThat(revoked).isFalse();
		assertThat(store().findBySecretHash(newHash)).isPresent();
		assertThat(store().findByPublicId(session.publicId()).map(StoredSession::secretHash)).hasValue(newHash);
	}

	@Test
	void aSessionPastItsAbsoluteLifetimeCannotBeRenewed() {
		String hash = newHash();
		Session session = new Session(newPublicId(), this.user, List.of("USER"), List.of("pwd"), this.t0, this.t0,
				this.t0, this.t0.plus(Duration.ofMinutes(10)), "203.0.113.7", "ua", LAPTOP, false, false, null);
		StoredSession stored = create(hash, session);
		String newHash = newHash();

		RenewOutcome outcome = store().renew(stored, newHash, SessionChanges.NONE, this.t0.plus(Duration.ofMinutes(10)),
				IDLE, event(EventTypes.SESSION_RENEWED, session));

		assertThat(outcome).isEqualTo(new RenewOutcome.Gone());
		assertThat(store().findBySecretHash(newHash)).isEmpty();
	}

	/**
	 * {@link RenewOutcome.Gone} covers an expired session, and the store decides expiry
	 * by the time it is given, as introspection and attaching a grant do.
	 */
	@Test
	void anIdleSessionCannotBeRenewed() {
		String hash = newHash();
		Session session = session(LAPTOP);
		StoredSession stored = create(hash, session);
		String newHash = newHash();

		RenewOutcome outcome = store().renew(stored, newHash, SessionChanges.NONE, this.t0.plus(IDLE), IDLE,
				event(EventTypes.SESSION_RENEWED, session));

		assertThat(outcome).isEqualTo(new RenewOutcome.Gone());
		assertThat(store().findBySecretHash(newHash)).isEmpty();
	}

	@Test
	void revocationEndsTheSessionOnce() {
		String hash = newHash();
		Session session = session(LAPTOP);
		StoredSession stored = create(hash, session);

		assertThat(store().revoke(stored, event(EventTypes.SESSION_REVOKED, session))).isTrue();
		assertThat(store().revoke(stored, event(EventTypes.SESSION_REVOKED, session))).isFalse();

		assertThat(store().findBySecretHash(hash)).isEmpty();
		assertThat(store().findByPublicId(session.publicId())).isEmpty();
		assertThat(store().introspect(hash, this.t0, IDLE, TOUCH)).isEmpty();
		assertThat(store().findByUser(this.user, this.t0, IDLE)).isEmpty();
	}

	@Test
	void revocationLeavesAnotherSessionNowUnderTheSameHashAlone() {
		// The hash was freed and reused: an old StoredSession must not end the newcomer.
		String hash = newHash();
		Session first = session(LAPTOP);
		StoredSession stale = create(hash, first);
		assertThat(store().revoke(stale, event(EventTypes.SESSION_REVOKED, first))).isTrue();
		Session second = session(PHONE);
		create(hash, second);

		assertThat(store().revoke(stale, event(EventTypes.SESSION_REVOKED, first))).isFalse();

		assertThat(store().findBySecretHash(hash)).hasValue(new StoredSession(hash, second));
	}

	@Test
	void listingAUsersSessionsShowsOnlyTheirLiveOnes() {
		StoredSession laptop = create(newHash(), session(LAPTOP));
		StoredSession phone = create(newHash(), session(PHONE));
		String stranger = "stranger-" + UUID.randomUUID();
		create(newHash(), new Session(newPublicId(), stranger, List.of("USER"), List.of("pwd"), this.t0, this.t0,
				this.t0, this.t0.plus(LIFETIME), "198.51.100.1", "ua", LAPTOP, false, false, null));

		assertThat(store().findByUser(this.user, this.t0.plusSeconds(1), IDLE)).containsExactlyInAnyOrder(laptop,
				phone);
	}

	@Test
	void listingPrunesSessionsThatWentIdle() {
		StoredSession idle = create(newHash(), session(LAPTOP));
		Instant later = this.t0.plus(Duration.ofMinutes(20));
		StoredSession busy = create(newHash(), new Session(newPublicId(), this.user, List.of("USER"), List.of("pwd"),
				later, later, later, later.plus(LIFETIME), "203.0.113.7", "ua", PHONE, false, false, null));

		assertThat(store().findByUser(this.user, this.t0.plus(IDLE), IDLE)).containsExactly(busy);

		// Pruned, not just hidden: gone also for a look with an earlier time.
		assertThat(store().findBySecretHash(idle.secretHash())).isEmpty();
		assertThat(store().findByPublicId(idle.session().publicId())).isEmpty();
		assertThat(store().findByUser(this.user, later, IDLE)).containsExactly(busy);
	}

	@Test
	void listingPrunesSessionsPastTheirAbsoluteLifetime() {
		Session short_ = new Session(newPublicId(), this.user, List.of("USER"), List.of("pwd"), this.t0, this.t0,
				this.t0, this.t0.plus(Duration.ofMinutes(5)), "203.0.113.7", "ua", LAPTOP, false, false, null);
		create(newHash(), short_);
		StoredSession kept = create(newHash(), session(PHONE));

		assertThat(store().findByUser(this.user, this.t0.plus(Duration.ofMinutes(5)), IDLE)).containsExactly(kept);
		assertThat(store().findByUser(this.user, this.t0, IDLE)).containsExactly(kept);
	}

	@Test
	void aUsersDevicesAreKnownOnceTheyHaveSignedIn() {
		assertThat(store().knowsDevice(this.user, LAPTOP.fingerprint())).isFalse();
		StoredSession laptop = create(newHash(), session(LAPTOP));

		assertThat(store().knowsDevice(this.user, LAPTOP.fingerprint())).isTrue();
		assertThat(store().knowsDevice(this.user, PHONE.fingerprint())).isFalse();
		assertThat(store().knowsDevice("someone-else-" + UUID.randomUUID(), LAPTOP.fingerprint())).isFalse();
		// Remembered beyond the session: a later sign-in from it is no new device.
		store().revoke(laptop, event(EventTypes.SESSION_REVOKED, laptop.session()));
		assertThat(store().knowsDevice(this.user, LAPTOP.fingerprint())).isTrue();
	}

	@Test
	void aGrantIsAttachedOnlyToTheUsersLiveSessionUnderThatHash() {
		String hash = newHash();
		Session session = session(LAPTOP);
		create(hash, session);

		assertThat(store().attachGrant(hash, session.publicId(), "someone-else", "g.g.g", this.t0, IDLE)).isFalse();
		assertThat(store().attachGrant(hash, newPublicId(), this.user, "g.g.g", this.t0, IDLE)).isFalse();
		assertThat(store().attachGrant(newHash(), session.publicId(), this.user, "g.g.g", this.t0, IDLE)).isFalse();
		assertThat(store().attachGrant(hash, session.publicId(), this.user, "g.g.g", this.t0.plus(IDLE), IDLE))
			.isFalse();
		assertThat(store().findBySecretHash(hash).orElseThrow().session().grant()).isNull();

		assertThat(store().attachGrant(hash, session.publicId(), this.user, "first.g.g", this.t0, IDLE)).isTrue();
		assertThat(store().attachGrant(hash, session.publicId(), this.user, "second.g.g", this.t0, IDLE)).isTrue();
		assertThat(store().findBySecretHash(hash).orElseThrow().session().grant()).isEqualTo("second.g.g");
	}

	@Test
	void everyChangeQueuesItsEventAndARefusedOneQueuesNothing() {
		String oldHash = newHash();
		String newHash = newHash();
		Session session = session(LAPTOP);
		QueuedEvent created = event(EventTypes.SESSION_CREATED, session);
		QueuedEvent renewed = event(EventTypes.SESSION_RENEWED, session);
		QueuedEvent revoked = event(EventTypes.SESSION_REVOKED, session);
		assertThat(store().create(oldHash, session, IDLE, LIFETIME, created)).isTrue();
		StoredSession stale = store().findBySecretHash(oldHash).orElseThrow();
		StoredSession other = create(newHash(), session(PHONE));

		// Refused: each would queue an event under the same key if it queued one.
		assertThat(store().create(oldHash, session(PHONE), IDLE, LIFETIME, event(EventTypes.SESSION_CREATED, session)))
			.isFalse();
		assertThat(store().renew(stale, other.secretHash(), SessionChanges.NONE, this.t0, IDLE,
				event(EventTypes.SESSION_RENEWED, session)))
			.isEqualTo(new RenewOutcome.HashTaken());
		assertThat(store().renew(stale, newHash, SessionChanges.NONE, this.t0, IDLE, renewed))
			.isInstanceOf(RenewOutcome.Renewed.class);
		assertThat(store().revoke(stale, event(EventTypes.SESSION_REVOKED, session))).isFalse();
		assertThat(store().renew(stale, newHash(), SessionChanges.NONE, this.t0, IDLE,
				event(EventTypes.SESSION_RENEWED, session)))
			.isEqualTo(new RenewOutcome.Gone());
		assertThat(store().revoke(store().findBySecretHash(newHash).orElseThrow(), revoked)).isTrue();

		// Events under one key keep their order, so anything queued by a refused change
		// would show up before the revocation.
		List<String> queued = queuedEvents(this.user, 4);
		String otherCreated = queued.get(1);
		assertThat(queued).containsExactly(created.json(), otherCreated, renewed.json(), revoked.json());
		assertThat(otherCreated).contains(other.session().publicId());
	}

	private StoredSession create(String hash, Session session) {
		assertThat(store().create(hash, session, IDLE, LIFETIME, event(EventTypes.SESSION_CREATED, session))).isTrue();
		return new StoredSession(hash, session);
	}

	private Instant lastActive(String hash) {
		return store().findBySecretHash(hash).orElseThrow().session().lastActiveAt();
	}

	/** A live session of the test's user, active at {@link #t0}. */
	Session session(Device device) {
		return new Session(newPublicId(), this.user, List.of("USER"), List.of("pwd"), this.t0, this.t0, this.t0,
				this.t0.plus(LIFETIME), "203.0.113.7", "Mozilla/5.0", device, false, false, null);
	}

	/** An event as the service queues it: keyed by the user, naming the session. */
	static QueuedEvent event(String type, Session session) {
		CloudEvent event = CloudEvent.of(EventSources.SESSION_SERVICE, type, session.userId(),
				Map.of("userId", session.userId(), "sessionId", session.publicId()));
		return new QueuedEvent(session.userId(), JSON.writeValueAsString(event));
	}

	static String newHash() {
		// 43 characters of base64url, as a SHA-256 is sent.
		return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "").substring(0, 43);
	}

	static String newPublicId() {
		return UUID.randomUUID().toString().replace("-", "").substring(0, 22);
	}

}
