package dev.warden.auth.user;

import static dev.warden.infra.test.OwnThreads.async;
import static dev.warden.infra.test.OwnThreads.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DuplicateKeyException;

/**
 * What auth-service relies on from a {@link UserStore}, through its methods only: an
 * implementation passes by implementing the three hooks. Every test works on users and
 * addresses of its own, so rows other tests leave behind never matter.
 */
interface UserStoreContract {

	UserStore store();

	/** Runs {@code work} in one transaction of the store, committed when it returns. */
	<T> T inTransaction(Supplier<T> work);

	/** Returns once another transaction is waiting for a lock the store took. */
	void awaitATransactionWaitingForALock();

	@Test
	default void aUserReadsBackByIdWithEveryField() {
		Instant at = now();
		User user = new User(UUID.randomUUID(), uniqueEmail(), "Quinn Tester", List.of(Roles.USER, Roles.ADMIN),
				UserStatus.ACTIVE, "$argon2id$hash-" + UUID.randomUUID(), at.minusSeconds(5), true, false,
				at.minusSeconds(10), at, "de-CH", at.plus(Duration.ofDays(3)));

		store().insert(user);

		assertThat(store().findById(user.id())).contains(user);
	}

	@Test
	default void aUserWithoutLanguageOrTemporaryPasswordReadsBackWithout() {
		User user = user(uniqueEmail());

		store().insert(user);

		User found = store().findById(user.id()).orElseThrow();
		assertThat(found.locale()).isNull();
		assertThat(found.temporaryPasswordExpiresAt()).isNull();
		assertThat(found).isEqualTo(user);
	}

	@Test
	default void aUserIsFoundByAddressWhateverItsCaseAndKeepsTheCaseItWasGiven() {
		String email = "Mixed.Case-" + UUID.randomUUID().toString().substring(0, 8) + "@Example.test";
		User user = user(email);
		store().insert(user);

		assertThat(store().findByEmail(email.toLowerCase())).contains(user);
		assertThat(store().findByEmail(email.toUpperCase())).get().extracting(User::email).isEqualTo(email);
	}

	@Test
	default void unknownIdsAndAddressesFindNothing() {
		assertThat(store().findById(UUID.randomUUID())).isEmpty();
		assertThat(store().findByIdForUpdate(UUID.randomUUID())).isEmpty();
		assertThat(store().findByEmail(uniqueEmail())).isEmpty();
	}

	@Test
	default void anAddressTakenInAnotherCaseIsRefusedAndWritesNothing() {
		String email = uniqueEmail();
		User first = user(email);
		User second = user(email.toUpperCase());
		store().insert(first);

		// Callers turn exactly this exception into "address taken".
		assertThatThrownBy(() -> store().insert(second)).isInstanceOf(DuplicateKeyException.class);

		assertThat(store().findById(second.id())).isEmpty();
		assertThat(store().findByEmail(email)).contains(first);
	}

	@Test
	default void aPasswordChangeReplacesTheHashAndEndsATemporaryPassword() {
		User user = temporary(user(uniqueEmail()));
		store().insert(user);
		Instant at = user.updatedAt().plusSeconds(60);

		store().changePassword(user.id(), "new-hash", at);

		assertThat(store().findById(user.id())).contains(new User(user.id(), user.email(), user.displayName(),
				user.roles(), user.status(), "new-hash", at, false, false, user.createdAt(), at, user.locale(), null));
	}

	@Test
	default void aTemporaryPasswordMustChangeAtTheNextSignInAndStopsWorkingWhenSaid() {
		User user = user(uniqueEmail());
		store().insert(user);
		Instant at = user.updatedAt().plusSeconds(60);
		Instant expiresAt = at.plus(Duration.ofDays(7));

		store().setTemporaryPassword(user.id(), "temporary-hash", at, expiresAt);

		assertThat(store().findById(user.id()))
			.contains(new User(user.id(), user.email(), user.displayName(), user.roles(), user.status(),
					"temporary-hash", at, true, false, user.createdAt(), at, user.locale(), expiresAt));
	}

	@Test
	default void aRehashReplacesOnlyTheHash() {
		// The password itself did not change: its change date (and so its expiry) stays.
		User user = temporary(user(uniqueEmail()));
		store().insert(user);

		store().rehash(user.id(), "stronger-hash");

		assertThat(store().findById(user.id())).get()
			.usingRecursiveComparison()
			.isEqualTo(withHash(user, "stronger-hash"));
	}

	@Test
	default void aRequiredChangeKeepsThePasswordWorking() {
		User user = user(uniqueEmail());
		store().insert(user);
		Instant at = user.updatedAt().plusSeconds(60);

		store().requirePasswordChange(user.id(), at);

		User found = store().findById(user.id()).orElseThrow();
		assertThat(found.passwordChangeRequired()).isTrue();
		assertThat(found.updatedAt()).isEqualTo(at);
		assertThat(found.passwordHash()).isEqualTo(user.passwordHash());
		assertThat(found.passwordChangedAt()).isEqualTo(user.passwordChangedAt());
		assertThat(found.temporaryPasswordExpiresAt()).isNull();
	}

	@Test
	default void theLanguageIsSetAndCleared() {
		User user = user(uniqueEmail());
		store().insert(user);
		Instant at = user.updatedAt().plusSeconds(60);

		store().changeLocale(user.id(), "fr", at);
		assertThat(store().findById(user.id())).get()
			.extracting(User::locale, User::updatedAt)
			.containsExactly("fr", at);

		store().changeLocale(user.id(), null, at.plusSeconds(1));
		assertThat(store().findById(user.id())).get()
			.extracting(User::locale, User::updatedAt)
			.containsExactly(null, at.plusSeconds(1));
	}

	@Test
	default void anActiveAccountLocksOnceAndUnlocksOnce() {
		User user = user(uniqueEmail());
		store().insert(user);
		Instant at = user.updatedAt().plusSeconds(60);

		assertThat(store().lock(user.id(), at)).isTrue();
		// A second lock (two sign-in failures racing) reports no change and keeps the
		// first.
		assertThat(store().lock(user.id(), at.plusSeconds(1))).isFalse();
		assertThat(store().findById(user.id())).get()
			.extracting(User::status, User::updatedAt)
			.containsExactly(UserStatus.LOCKED, at);

		assertThat(store().unlock(user.id(), at.plusSeconds(2))).isTrue();
		assertThat(store().unlock(user.id(), at.plusSeconds(3))).isFalse();
		assertThat(store().findById(user.id())).get()
			.extracting(User::status, User::updatedAt)
			.containsExactly(UserStatus.ACTIVE, at.plusSeconds(2));
	}

	@Test
	default void aDisabledAccountIsNeitherLockedNorUnlocked() {
		User user = withStatus(user(uniqueEmail()), UserStatus.DISABLED);
		store().insert(user);

		assertThat(store().lock(user.id(), now())).isFalse();
		assertThat(store().unlock(user.id(), now())).isFalse();

		assertThat(store().findById(user.id())).contains(user);
	}

	@Test
	default void lockingOrUnlockingAnUnknownUserReportsNoChange() {
		assertThat(store().lock(UUID.randomUUID(), now())).isFalse();
		assertThat(store().unlock(UUID.randomUUID(), now())).isFalse();
	}

	@Test
	default void aPasswordChangeWaitsForAnotherHoldingTheUserAndThenSeesItsHash() throws Exception {
		// The password change compares the hash it verified with the one it reads under
		// this lock: it must see what a change that held the lock wrote.
		User user = user(uniqueEmail());
		store().insert(user);
		CountDownLatch held = new CountDownLatch(1);
		CountDownLatch change = new CountDownLatch(1);
		CompletableFuture<Object> first = async(() -> inTransaction(() -> {
			store().findByIdForUpdate(user.id()).orElseThrow();
			held.countDown();
			await(change);
			store().changePassword(user.id(), "first-change", now());
			return null;
		}));
		await(held);

		CompletableFuture<User> second = async(
				() -> inTransaction(() -> store().findByIdForUpdate(user.id()).orElseThrow()));
		awaitATransactionWaitingForALock();
		assertThat(second).isNotDone();
		change.countDown();

		first.get(30, TimeUnit.SECONDS);
		assertThat(second.get(30, TimeUnit.SECONDS).passwordHash()).isEqualTo("first-change");
	}

	@Test
	default void plainReadsDoNotWaitForAUserBeingChanged() throws Exception {
		User user = user(uniqueEmail());
		store().insert(user);
		CountDownLatch held = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<Object> holder = async(() -> inTransaction(() -> {
			store().findByIdForUpdate(user.id()).orElseThrow();
			held.countDown();
			await(release);
			return null;
		}));
		try {
			await(held);
			assertThat(async(() -> store().findById(user.id())).get(30, TimeUnit.SECONDS)).contains(user);
		}
		finally {
			release.countDown();
			holder.get(30, TimeUnit.SECONDS);
		}
	}

	@Test
	default void pagesWalkEveryUserOnceInCreationOrder() {
		Instant at = now();
		User earlier = withCreatedAt(user(uniqueEmail()), at);
		User later = withCreatedAt(user(uniqueEmail()), at.plusMillis(1));
		long before = store().count();
		store().insert(later);
		store().insert(earlier);

		long count = store().count();
		assertThat(count).isEqualTo(before + 2);
		int split = (int) count / 2;
		List<UUID> all = store().page(0, (int) count).stream().map(User::id).toList();
		List<UUID> paged = new java.util.ArrayList<>();
		store().page(0, split).forEach((user) -> paged.add(user.id()));
		store().page(split, (int) count).forEach((user) -> paged.add(user.id()));

		assertThat(paged).isEqualTo(all).doesNotHaveDuplicates().hasSize((int) count);
		assertThat(all.indexOf(earlier.id())).isNotNegative().isLessThan(all.indexOf(later.id()));
	}

	@Test
	default void passwordsDueForNoticeAreActiveUsersWhosePasswordChangedBeforeTheInstantOldestFirst() {
		Instant window = farPastWindow();
		User later = insert(changedAt(user(uniqueEmail()), window.plus(Duration.ofMinutes(30))));
		User sooner = insert(changedAt(user(uniqueEmail()), window.plus(Duration.ofMinutes(10))));
		User locked = insert(changedAt(user(uniqueEmail()), window.plus(Duration.ofMinutes(20))));
		store().lock(locked.id(), now());
		User atTheInstant = insert(changedAt(user(uniqueEmail()), window.plus(Duration.ofMinutes(40))));

		List<User> due = store().passwordsDueForNotice(atTheInstant.passwordChangedAt(), before(window), 100);

		assertThat(due).extracting(User::id).containsExactly(sooner.id(), later.id());
	}

	@Test
	default void passwordsDueForNoticePageOnFromTheLastUserSeenWithoutSkippingUsersWhoChangedTogether() {
		Instant window = farPastWindow();
		Instant changed = window.plus(Duration.ofMinutes(10));
		List<User> together = java.util.stream.IntStream.range(0, 5)
			.mapToObj((i) -> insert(changedAt(user(uniqueEmail()), changed)))
			// Byte by byte, as the database orders ids (UUID.compareTo compares signed
			// halves).
			.sorted(java.util.Comparator.comparing((User user) -> user.id().toString()))
			.toList();
		User last = insert(changedAt(user(uniqueEmail()), changed.plusSeconds(1)));
		Instant before = window.plus(Duration.ofHours(1));

		List<User> first = store().passwordsDueForNotice(before, before(window), 2);
		List<User> second = store().passwordsDueForNotice(before, first.get(1), 2);
		List<User> third = store().passwordsDueForNotice(before, second.get(1), 2);
		List<User> fourth = store().passwordsDueForNotice(before, third.get(1), 2);

		assertThat(java.util.stream.Stream.of(first, second, third, fourth).flatMap(List::stream)).extracting(User::id)
			.containsExactly(together.get(0).id(), together.get(1).id(), together.get(2).id(), together.get(3).id(),
					together.get(4).id(), last.id());
	}

	@Test
	default void aUserToldTheirPasswordExpiredIsNoLongerDueUntilTheyChangeIt() {
		Instant window = farPastWindow();
		User warned = insert(changedAt(user(uniqueEmail()), window.plus(Duration.ofMinutes(10))));
		User told = insert(changedAt(user(uniqueEmail()), window.plus(Duration.ofMinutes(20))));
		Instant before = window.plus(Duration.ofHours(1));

		assertThat(store().claimExpiryNotice(warned, 7, window)).isTrue();
		assertThat(store().claimExpiryNotice(told, 0, window)).isTrue();

		assertThat(store().passwordsDueForNotice(before, before(window), 100)).extracting(User::id)
			.containsExactly(warned.id());
		assertThat(store().expiryNoticeClaimedAtOrBelow(warned, 7)).isTrue();
		assertThat(store().expiryNoticeClaimedAtOrBelow(warned, 1)).isFalse();

		Instant changedAgain = window.plus(Duration.ofMinutes(30));
		store().changePassword(told.id(), "hash-" + UUID.randomUUID(), changedAgain);
		User withNewPassword = store().findById(told.id()).orElseThrow();

		assertThat(store().passwordsDueForNotice(before, before(window), 100)).extracting(User::id)
			.containsExactly(warned.id(), told.id());
		assertThat(store().expiryNoticeClaimedAtOrBelow(withNewPassword, 7)).as("a new password has none").isFalse();
		assertThat(store().claimExpiryNotice(withNewPassword, 0, changedAgain)).isTrue();
	}

	@Test
	default void anExpiryNoticeIsClaimedOnceEvenByReplicasClaimingItAtTheSameTime() throws Exception {
		User user = insert(user(uniqueEmail()));
		CountDownLatch start = new CountDownLatch(1);
		List<CompletableFuture<Boolean>> claims = java.util.stream.IntStream.range(0, 8).mapToObj((i) -> async(() -> {
			await(start);
			return inTransaction(() -> store().claimExpiryNotice(user, 1, now()));
		})).toList();
		start.countDown();

		long won = 0;
		for (CompletableFuture<Boolean> claim : claims) {
			won += claim.get(30, TimeUnit.SECONDS) ? 1 : 0;
		}

		assertThat(won).isEqualTo(1);
		assertThat(store().claimExpiryNotice(user, 1, now())).isFalse();
		assertThat(store().claimExpiryNotice(user, 7, now())).as("another notice").isTrue();
	}

	private User insert(User user) {
		store().insert(user);
		return user;
	}

	/**
	 * The start of an hour long ago that no other test's users fall in: listings by
	 * password age see every user.
	 */
	private static Instant farPastWindow() {
		long hours = java.util.concurrent.ThreadLocalRandom.current().nextLong(24 * 365 * 20);
		return Instant.parse("1990-01-01T00:00:00Z").plus(Duration.ofHours(hours));
	}

	/** A user who sorts before every user whose password changed in the window. */
	private static User before(Instant window) {
		return changedAt(user(uniqueEmail()), window.minusSeconds(1));
	}

	private static User changedAt(User user, Instant changedAt) {
		return new User(user.id(), user.email(), user.displayName(), user.roles(), user.status(), user.passwordHash(),
				changedAt, user.passwordChangeRequired(), user.twoFactorEnabled(), user.createdAt(), user.updatedAt(),
				user.locale(), user.temporaryPasswordExpiresAt());
	}

	/** Milliseconds: a store may keep no finer than microseconds. */
	private static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MILLIS);
	}

	private static String uniqueEmail() {
		return "store-" + UUID.randomUUID() + "@example.test";
	}

	private static User user(String email) {
		Instant at = now();
		return new User(UUID.randomUUID(), email, "Quinn Tester", List.of(Roles.USER), UserStatus.ACTIVE,
				"hash-" + UUID.randomUUID(), at, false, false, at, at, null, null);
	}

	private static User temporary(User user) {
		return new User(user.id(), user.email(), user.displayName(), user.roles(), user.status(), user.passwordHash(),
				user.passwordChangedAt(), true, false, user.createdAt(), user.updatedAt(), "fr",
				user.updatedAt().plus(Duration.ofDays(3)));
	}

	private static User withHash(User user, String hash) {
		return new User(user.id(), user.email(), user.displayName(), user.roles(), user.status(), hash,
				user.passwordChangedAt(), user.passwordChangeRequired(), user.twoFactorEnabled(), user.createdAt(),
				user.updatedAt(), user.locale(), user.temporaryPasswordExpiresAt());
	}

	private static User withStatus(User user, UserStatus status) {
		return new User(user.id(), user.email(), user.displayName(), user.roles(), status, user.passwordHash(),
				user.passwordChangedAt(), user.passwordChangeRequired(), user.twoFactorEnabled(), user.createdAt(),
				user.updatedAt(), user.locale(), user.temporaryPasswordExpiresAt());
	}

	private static User withCreatedAt(User user, Instant createdAt) {
		return new User(user.id(), user.email(), user.displayName(), user.roles(), user.status(), user.passwordHash(),
				user.passwordChangedAt(), user.passwordChangeRequired(), user.twoFactorEnabled(), createdAt, createdAt,
				user.locale(), user.temporaryPasswordExpiresAt());
	}

}
