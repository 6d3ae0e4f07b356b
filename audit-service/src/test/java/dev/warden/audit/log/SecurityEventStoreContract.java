package dev.warden.audit.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.warden.event.auth.AccountUnlocked;
import dev.warden.event.EventData;
import dev.warden.audit.log.SecurityEventStore.LogQuery;
import dev.warden.audit.log.SecurityEventStore.Verification;
import dev.warden.event.CloudEvent;
import dev.warden.event.EventSources;
import dev.warden.event.EventTypes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the security log's store does for its callers (the ingest consumer, the user's and
 * the administrators' views, the CSV export, retention, verification), stated through its
 * public methods. A concrete test supplies a store over an empty log of its own.
 */
public abstract class SecurityEventStoreContract {

	/** Events "happen" at whole seconds from here, in the order a test gives them. */
	protected Instant t0;

	protected String user;

	/** A store over an empty log, for this test alone. */
	protected abstract SecurityEventStore store();

	/**
	 * Changes the stored data of one entry behind the store's back, as a writer of the
	 * database could.
	 */
	protected abstract void alterData(String eventId);

	@BeforeEach
	void freshUserAndTime() {
		this.t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(1));
		this.user = "user-" + UUID.randomUUID();
	}

	@Test
	void anAppendedEventIsFoundWithEveryFieldAndItsAttribution() {
		Instant time = this.t0.plusNanos(123_456_000);
		CloudEvent event = new CloudEvent(CloudEvent.SPEC_VERSION, UUID.randomUUID().toString(),
				EventSources.SESSION_SERVICE, EventTypes.SESSION_CREATED, time, this.user, CloudEvent.JSON,
				Map.of("ip", "203.0.113.7", "userAgent", "Mozilla/5.0", "sessionId", "s-1", "newDevice", true));
		Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);

		assertThat(store().insertIfAbsent(event)).isTrue();

		SecurityEvent found = only(query(this.user, null, null, null, null));
		assertThat(found.id()).isEqualTo(event.id());
		assertThat(found.type()).isEqualTo(EventTypes.SESSION_CREATED);
		assertThat(found.source()).isEqualTo(EventSources.SESSION_SERVICE);
		assertThat(found.userId()).isEqualTo(this.user);
		assertThat(found.occurredAt()).isEqualTo(time);
		assertThat(found.recordedAt()).isBetween(before, Instant.now());
		assertThat(found.data()).isEqualTo(event.data());
		assertThat(found.actor()).isEqualTo(new SecurityEvent.Actor(Attribution.USER, this.user));
		assertThat(found.outcome()).isEqualTo(Attribution.SUCCESS);
		assertThat(found.ip()).isEqualTo("203.0.113.7");
		assertThat(found.userAgent()).isEqualTo("Mozilla/5.0");
		assertThat(found.sessionId()).isEqualTo("s-1");
	}

	@Test
	void anEventWithoutATimeOccurredWhenItWasRecorded() {
		CloudEvent event = new CloudEvent(CloudEvent.SPEC_VERSION, UUID.randomUUID().toString(),
				EventSources.AUTH_SERVICE, EventTypes.LOGOUT, null, this.user, CloudEvent.JSON, Map.of());

		store().insertIfAbsent(event);

		SecurityEvent found = only(query(this.user, null, null, null, null));
		assertThat(found.occurredAt()).isEqualTo(found.recordedAt());
	}

	@Test
	void anEventIdIsStoredOnceHoweverOftenItArrives() {
		CloudEvent event = event(EventTypes.LOGOUT, this.user, 0);
		// A redelivery under the same id with other content: the first version stays.
		CloudEvent redelivered = new CloudEvent(event.specversion(), event.id(), event.source(),
				EventTypes.LOGIN_FAILED, event.time(), event.subject(), event.datacontenttype(),
				Map.of("ip", "192.0.2.66"));
		CloudEvent next = event(EventTypes.LOGIN_SUCCEEDED, this.user, 1);

		assertThat(store().insertIfAbsent(event)).isTrue();
		assertThat(store().insertIfAbsent(redelivered)).isFalse();
		assertThat(store().insertAllIfAbsent(List.of(event, next, next, redelivered))).isEqualTo(1);
		assertThat(store().insertAllIfAbsent(List.of(next, event))).isZero();

		assertThat(query(this.user, null, null, null, null)).extracting(SecurityEvent::id, SecurityEvent::type)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(next.id(), EventTypes.LOGIN_SUCCEEDED),
					org.assertj.core.groups.Tuple.tuple(event.id(), EventTypes.LOGOUT));
	}

	@Test
	void anEmptyBatchAppendsNothing() {
		assertThat(store().insertAllIfAbsent(List.of())).isZero();
		assertThat(store().head()).isNull();
	}

	@Test
	void entriesAreListedNewestFirstInTheOrderTheyWereAppended() {
		// Appended order, not occurrence: a late event is still the newest entry.
		List<CloudEvent> batch = List.of(event(EventTypes.LOGIN_SUCCEEDED, this.user, 5),
				event(EventTypes.PASSWORD_CHANGED, this.user, 6), event(EventTypes.LOGOUT, this.user, 7));
		CloudEvent late = event(EventTypes.LOGIN_FAILED, this.user, 1);

		assertThat(store().insertAllIfAbsent(batch)).isEqualTo(3);
		store().insertIfAbsent(late);

		List<SecurityEvent> found = query(this.user, null, null, null, null);
		assertThat(found).extracting(SecurityEvent::id)
			.containsExactly(late.id(), batch.get(2).id(), batch.get(1).id(), batch.get(0).id());
		assertThat(found).extracting(SecurityEvent::seq).isSortedAccordingTo((a, b) -> Long.compare(b, a));
		assertThat(store().head().eventId()).isEqualTo(late.id());
	}

	@Test
	void pagesContinueFromTheLastEntrySeenWithoutRepeatingOrSkippingWhenEntriesArriveBetween() {
		List<String> appended = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			CloudEvent event = event(EventTypes.LOGIN_SUCCEEDED, this.user, i);
			store().insertIfAbsent(event);
			appended.add(0, event.id());
		}

		List<SecurityEvent> first = store().find(new LogQuery(this.user, null, null, null, null, null, 2));
		store().insertIfAbsent(event(EventTypes.LOGOUT, this.user, 10));
		List<SecurityEvent> second = store()
			.find(new LogQuery(this.user, null, null, null, null, first.get(1).seq(), 2));
		List<SecurityEvent> third = store()
			.find(new LogQuery(this.user, null, null, null, null, second.get(1).seq(), 2));

		List<String> paged = new ArrayList<>();
		for (List<SecurityEvent> page : List.of(first, second, third)) {
			page.forEach((event) -> paged.add(event.id()));
		}
		assertThat(first).hasSize(2);
		assertThat(third).hasSize(1);
		assertThat(paged).isEqualTo(appended);
	}

	@Test
	void queriesNarrowByUserTypeOutcomeAndTime() {
		String other = "other-" + UUID.randomUUID();
		CloudEvent failed = event(EventTypes.LOGIN_FAILED, this.user, 0);
		CloudEvent succeeded = event(EventTypes.LOGIN_SUCCEEDED, this.user, 10);
		CloudEvent loggedOut = event(EventTypes.LOGOUT, this.user, 20);
		CloudEvent theirs = event(EventTypes.LOGIN_FAILED, other, 10);
		store().insertAllIfAbsent(List.of(failed, succeeded, theirs, loggedOut));

		assertThat(ids(query(this.user, null, null, null, null))).containsExactly(loggedOut.id(), succeeded.id(),
				failed.id());
		assertThat(ids(query(other, null, null, null, null))).containsExactly(theirs.id());
		assertThat(ids(query(null, EventTypes.LOGIN_FAILED, null, null, null))).containsExactly(theirs.id(),
				failed.id());
		assertThat(ids(query(this.user, null, Attribution.FAILURE, null, null))).containsExactly(failed.id());
		assertThat(ids(query(this.user, null, Attribution.SUCCESS, null, null))).containsExactly(loggedOut.id(),
				succeeded.id());
		// From inclusive, to exclusive, on the time the event occurred.
		assertThat(ids(query(this.user, null, null, at(10), at(20)))).containsExactly(succeeded.id());
		assertThat(ids(query(null, null, null, at(10), at(11)))).containsExactly(theirs.id(), succeeded.id());
		assertThat(ids(query(null, EventTypes.LOGIN_FAILED, Attribution.FAILURE, at(1), null)))
			.containsExactly(theirs.id());
		assertThat(query("nobody-" + UUID.randomUUID(), null, null, null, null)).isEmpty();
	}

	@Test
	void aKindNarrowsToItsTypesByPrefixOrExactly() {
		CloudEvent failed = event(EventTypes.LOGIN_FAILED, this.user, 0);
		CloudEvent secondStep = event(EventTypes.SECOND_FACTOR_FAILED, this.user, 1);
		CloudEvent loggedOut = event(EventTypes.LOGOUT, this.user, 2);
		CloudEvent changed = event(EventTypes.PASSWORD_CHANGED, this.user, 3);
		CloudEvent created = event(EventTypes.TOKEN_CREATED, this.user, 4);
		CloudEvent theirs = event(EventTypes.LOGIN_SUCCEEDED, "other-" + UUID.randomUUID(), 5);
		store().insertAllIfAbsent(List.of(failed, secondStep, loggedOut, changed, created, theirs));

		assertThat(ids(store().find(new LogQuery(this.user, null, LogKind.SIGN_IN, null, null, null, null, 100))))
			.containsExactly(loggedOut.id(), secondStep.id(), failed.id());
		assertThat(ids(store().find(new LogQuery(this.user, null, LogKind.PASSWORD, null, null, null, null, 100))))
			.containsExactly(changed.id());
		assertThat(ids(store()
			.find(new LogQuery(this.user, null, LogKind.SIGN_IN, Attribution.FAILURE, null, null, null, 100))))
			.containsExactly(secondStep.id(), failed.id());
		assertThat(store().find(new LogQuery(this.user, null, LogKind.SESSIONS, null, null, null, null, 100)))
			.isEmpty();
	}

	@Test
	void theActorIsTheUserAnAdministratorOrTheSystem() {
		String admin = "admin-" + UUID.randomUUID();
		CloudEvent bySelf = event(EventTypes.PASSWORD_CHANGED, this.user, 0, Map.of("actorId", this.user));
		CloudEvent byAdmin = event(EventTypes.ACCOUNT_UNLOCKED, this.user, 1,
				EventData.of(new AccountUnlocked("u@example.test", "U", null, admin)));
		CloudEvent bySystem = event(EventTypes.ACCOUNT_LOCKED, this.user, 2, Map.of());
		store().insertAllIfAbsent(List.of(bySelf, byAdmin, bySystem));

		assertThat(query(this.user, null, null, null, null)).extracting(SecurityEvent::actor)
			.containsExactly(new SecurityEvent.Actor(Attribution.SYSTEM, null),
					new SecurityEvent.Actor(Attribution.ADMIN, admin),
					new SecurityEvent.Actor(Attribution.USER, this.user));
	}

	@Test
	void streamingGivesEveryMatchingEntryNewestFirstBeyondAnyPageSize() {
		List<CloudEvent> events = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			events.add(event(i % 3 == 0 ? EventTypes.LOGIN_FAILED : EventTypes.LOGIN_SUCCEEDED, this.user, i));
		}
		store().insertAllIfAbsent(events);
		store().insertIfAbsent(event(EventTypes.LOGIN_FAILED, "other-" + UUID.randomUUID(), 3));

		List<String> streamed = new ArrayList<>();
		store().stream(new LogQuery(this.user, EventTypes.LOGIN_FAILED, null, null, null, null, 1),
				(event) -> streamed.add(event.id()));

		List<String> expected = new ArrayList<>();
		for (int i = 27; i >= 0; i -= 3) {
			expected.add(events.get(i).id());
		}
		assertThat(streamed).isEqualTo(expected);
	}

	@Test
	void aLogOfAppendedEntriesVerifies() {
		assertThat(store().verify().valid()).as("empty").isTrue();
		store().insertIfAbsent(event(EventTypes.LOGIN_SUCCEEDED, this.user, 0));
		store().insertAllIfAbsent(List.of(event(EventTypes.LOGOUT, this.user, 1),
				event(EventTypes.LOGIN_FAILED, "other-" + UUID.randomUUID(), 2)));

		Verification verification = store().verify();

		assertThat(verification.valid()).isTrue();
		assertThat(verification.checked()).isEqualTo(3);
		assertThat(verification.firstBrokenId()).isNull();
		assertThat(verification.legacyRows()).isZero();
	}

	@Test
	void verificationNamesTheFirstEntryChangedBehindTheStoresBack() {
		List<CloudEvent> events = List.of(event(EventTypes.LOGIN_SUCCEEDED, this.user, 0),
				event(EventTypes.PASSWORD_CHANGED, this.user, 1), event(EventTypes.LOGOUT, this.user, 2));
		store().insertAllIfAbsent(events);

		alterData(events.get(1).id());

		Verification verification = store().verify();
		assertThat(verification.valid()).isFalse();
		assertThat(verification.firstBrokenId()).isEqualTo(events.get(1).id());
		assertThat(verification.reason()).isNotBlank();
	}

	@Test
	void retentionRemovesWhatOccurredBeforeTheCutoffAndTheLogStillVerifies() {
		List<CloudEvent> events = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			events.add(event(EventTypes.LOGIN_SUCCEEDED, this.user, i * 10));
		}
		store().insertAllIfAbsent(events);

		assertThat(store().removeBefore(at(25))).isEqualTo(3);

		assertThat(ids(query(this.user, null, null, null, null))).containsExactly(events.get(4).id(),
				events.get(3).id());
		Verification afterRemoval = store().verify();
		assertThat(afterRemoval.valid()).isTrue();
		assertThat(afterRemoval.checked()).isEqualTo(2);
		// The chain goes on from what is left.
		CloudEvent later = event(EventTypes.LOGOUT, this.user, 50);
		store().insertIfAbsent(later);
		assertThat(store().head().eventId()).isEqualTo(later.id());
		assertThat(store().verify().valid()).isTrue();
		assertThat(store().removeBefore(at(25))).as("nothing older left").isZero();
	}

	@Test
	void retentionKeepsEverythingRatherThanEmptyTheLog() {
		CloudEvent old = event(EventTypes.LOGIN_SUCCEEDED, this.user, 0);
		assertThat(store().removeBefore(at(10))).as("empty log").isZero();
		store().insertIfAbsent(old);

		assertThat(store().removeBefore(at(10))).isZero();

		assertThat(ids(query(this.user, null, null, null, null))).containsExactly(old.id());
		assertThat(store().head().eventId()).isEqualTo(old.id());
	}

	protected CloudEvent event(String type, String subject, int second) {
		return event(type, subject, second, Map.of("ip", "203.0.113." + (second % 250 + 1)));
	}

	protected CloudEvent event(String type, String subject, int second, Map<String, Object> data) {
		return new CloudEvent(CloudEvent.SPEC_VERSION, UUID.randomUUID().toString(), EventSources.AUTH_SERVICE, type,
				at(second), subject, CloudEvent.JSON, new LinkedHashMap<>(data));
	}

	protected Instant at(int second) {
		return this.t0.plusSeconds(second);
	}

	private List<SecurityEvent> query(String userId, String type, String outcome, Instant from, Instant to) {
		return store().find(new LogQuery(userId, type, outcome, from, to, null, 100));
	}

	private static List<String> ids(List<SecurityEvent> events) {
		return events.stream().map(SecurityEvent::id).toList();
	}

	private static SecurityEvent only(List<SecurityEvent> events) {
		assertThat(events).hasSize(1);
		return events.get(0);
	}

}
