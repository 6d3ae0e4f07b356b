package dev.warden.token.lifecycle;

import static dev.warden.infra.test.OwnThreads.async;
import static dev.warden.infra.test.OwnThreads.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

/**
 * What token-service relies on from a {@link TokenStore}, through its methods only: an
 * implementation passes by implementing the three hooks. Every test works on users and
 * hashes of its own, so rows other tests leave behind never matter.
 */
interface TokenStoreContract {

	TokenStore store();

	/** Runs {@code work} in one transaction of the store, committed when it returns. */
	<T> T inTransaction(Supplier<T> work);

	/** Returns once another transaction is waiting for a lock the store took. */
	void awaitATransactionWaitingForALock();

	@Test
	default void aTokenReadsBackByIdAndByHashWithEveryField() {
		ApiToken token = token(newUserId(), "ci deploy", "ADMIN", now(), now().plus(Duration.ofDays(30)));

		assertThat(store().insert(token)).isTrue();

		assertThat(store().findById(token.id())).contains(token);
		assertThat(store().findByHash(token.tokenHash())).contains(token);
	}

	@Test
	default void aTokenMadeBeforeGrantsReadsBackWithoutOne() {
		ApiToken token = withGrant(token(newUserId(), "old", "USER", now(), now().plus(Duration.ofDays(1))), null);

		store().insert(token);

		assertThat(store().findById(token.id())).get().extracting(ApiToken::grant).isNull();
	}

	@Test
	default void unknownIdsAndHashesFindNothing() {
		assertThat(store().findById(UUID.randomUUID())).isEmpty();
		assertThat(store().findByHash(newHash())).isEmpty();
	}

	@Test
	default void aSecondTokenWithTheSameHashIsRefusedAndWritesNothing() {
		ApiToken first = token(newUserId(), "first", "USER", now(), now().plus(Duration.ofDays(1)));
		ApiToken second = new ApiToken(UUID.randomUUID(), newUserId(), "second", "ADMIN", first.tokenHash(), "zzzz",
				now(), now().plus(Duration.ofDays(2)), null, null, null, null, null, "other.grant.jws");
		store().insert(first);

		assertThat(store().insert(second)).isFalse();

		assertThat(store().findById(second.id())).isEmpty();
		assertThat(store().findByUser(second.userId())).isEmpty();
		assertThat(store().findByHash(first.tokenHash())).contains(first);
	}

	@Test
	default void activeTokensAreThoseNeitherRevokedNorExpiredAtTheGivenInstant() {
		String user = newUserId();
		Instant at = now();
		ApiToken active = insert(token(user, "active", "USER", at.minus(Duration.ofDays(3)), at.plusSeconds(1)));
		ApiToken expired = insert(token(user, "expired", "USER", at.minus(Duration.ofDays(2)), at.minusSeconds(1)));
		// Expiry is exclusive: a token expiring at the instant is no longer active.
		ApiToken expiringNow = insert(token(user, "expiring now", "USER", at.minus(Duration.ofDays(1)), at));
		ApiToken revoked = insert(token(user, "revoked", "USER", at.minus(Duration.ofHours(1)), at.plusSeconds(60)));
		store().revoke(revoked.id(), at.minusSeconds(5), "user");
		insert(token(newUserId(), "someone else's", "USER", at, at.plusSeconds(60)));

		assertThat(store().findActiveByUser(user, at)).extracting(ApiToken::id).containsExactly(active.id());
		assertThat(store().findActiveByUser(user, at.minusSeconds(2))).extracting(ApiToken::id)
			.containsExactlyInAnyOrder(active.id(), expired.id(), expiringNow.id());
	}

	@Test
	default void aUsersTokensListNewestFirstWithRevokedAndExpiredOnesAndNoOneElses() {
		String user = newUserId();
		Instant at = now();
		ApiToken oldest = insert(token(user, "oldest", "USER", at.minus(Duration.ofDays(2)), at.minusSeconds(1)));
		ApiToken newest = insert(token(user, "newest", "USER", at, at.plus(Duration.ofDays(1))));
		ApiToken middle = insert(token(user, "middle", "USER", at.minus(Duration.ofDays(1)), at.plusSeconds(1)));
		store().revoke(middle.id(), at, "user");
		insert(token(newUserId(), "someone else's", "USER", at, at.plusSeconds(60)));

		assertThat(store().findByUser(user)).extracting(ApiToken::id)
			.containsExactly(newest.id(), middle.id(), oldest.id());
	}

	@Test
	default void tokensCreatedAtTheSameInstantListInAStableOrder() {
		String user = newUserId();
		Instant at = now();
		for (int i = 0; i < 4; i++) {
			insert(token(user, "batch " + i, "USER", at, at.plusSeconds(60)));
		}

		List<UUID> first = store().findByUser(user).stream().map(ApiToken::id).toList();

		assertThat(first).hasSize(4);
		assertThat(store().findByUser(user).stream().map(ApiToken::id).toList()).isEqualTo(first);
	}

	@Test
	default void aTokenIsRevokedOnceAndKeepsTheFirstTimeAndReason() {
		ApiToken token = insert(token(newUserId(), "revoke me", "USER", now(), now().plus(Duration.ofDays(1))));
		Instant first = now().plusSeconds(10);

		assertThat(store().revoke(token.id(), first, "user")).isTrue();
		assertThat(store().revoke(token.id(), first.plusSeconds(10), "owner_locked")).isFalse();

		ApiToken revoked = store().findById(token.id()).orElseThrow();
		assertThat(revoked.revokedAt()).isEqualTo(first);
		assertThat(revoked.revokedReason()).isEqualTo("user");
		assertThat(revoked).usingRecursiveComparison().ignoringFields("revokedAt", "revokedReason").isEqualTo(token);
	}

	@Test
	default void revokingAnUnknownTokenReportsNoChange() {
		assertThat(store().revoke(UUID.randomUUID(), now(), "user")).isFalse();
	}

	@Test
	default void usageRecordsTheLatestUseAndNeverMovesItBack() {
		ApiToken token = insert(token(newUserId(), "script", "USER", now(), now().plus(Duration.ofDays(1))));
		ApiToken other = insert(token(newUserId(), "unused", "USER", now(), now().plus(Duration.ofDays(1))));
		Instant at = now().plusSeconds(60);

		store().recordUse(List.of(new TokenStore.Usage(token.id(), at, "203.0.113.9", "script/1.0")));
		// Flushed late, or by a replica behind: an older use leaves the newer one.
		store().recordUse(List.of(new TokenStore.Usage(token.id(), at.minusSeconds(30), "203.0.113.1", "old/0.1"),
				new TokenStore.Usage(UUID.randomUUID(), at, "203.0.113.2", "unknown token")));

		ApiToken used = store().findById(token.id()).orElseThrow();
		assertThat(used.lastUsedAt()).isEqualTo(at);
		assertThat(used.lastUsedIp()).isEqualTo("203.0.113.9");
		assertThat(used.lastUsedUserAgent()).isEqualTo("script/1.0");
		assertThat(store().findById(other.id())).contains(other);

		store().recordUse(List.of(new TokenStore.Usage(token.id(), at.plusSeconds(1), "203.0.113.10", "script/1.1")));

		assertThat(store().findById(token.id()).orElseThrow())
			.extracting(ApiToken::lastUsedAt, ApiToken::lastUsedIp, ApiToken::lastUsedUserAgent)
			.containsExactly(at.plusSeconds(1), "203.0.113.10", "script/1.1");
	}

	@Test
	default void recordingNoUsageIsHarmless() {
		store().recordUse(List.of());
	}

	@Test
	default void aUsersCreationWaitsForAnotherCreationOfTheSameUserAndThenSeesItsToken() throws Exception {
		String user = newUserId();
		ApiToken created = token(user, "first", "USER", now(), now().plus(Duration.ofDays(1)));
		CountDownLatch locked = new CountDownLatch(1);
		CountDownLatch insert = new CountDownLatch(1);
		CompletableFuture<Object> first = async(() -> inTransaction(() -> {
			store().lockUser(user);
			locked.countDown();
			await(insert);
			return store().insert(created);
		}));
		await(locked);

		// What a creation reads after taking the lock is what limits and unique names are
		// judged on: it must include the other creation's token.
		CompletableFuture<List<ApiToken>> second = async(() -> inTransaction(() -> {
			store().lockUser(user);
			return store().findActiveByUser(user, now());
		}));
		awaitATransactionWaitingForALock();
		assertThat(second).isNotDone();
		insert.countDown();

		first.get(30, TimeUnit.SECONDS);
		assertThat(second.get(30, TimeUnit.SECONDS)).extracting(ApiToken::id).containsExactly(created.id());
	}

	@Test
	default void anotherUsersCreationDoesNotWait() throws Exception {
		CountDownLatch locked = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<Object> holder = async(() -> inTransaction(() -> {
			store().lockUser(newUserId());
			locked.countDown();
			await(release);
			return null;
		}));
		try {
			await(locked);
			String other = newUserId();
			Optional<List<ApiToken>> found = async(() -> inTransaction(() -> {
				store().lockUser(other);
				return Optional.of(store().findActiveByUser(other, now()));
			})).get(30, TimeUnit.SECONDS);
			assertThat(found).contains(List.of());
		}
		finally {
			release.countDown();
			holder.get(30, TimeUnit.SECONDS);
		}
	}

	@Test
	default void expiringBeforeListsUnrevokedTokensThatExpireBeforeTheInstantSoonestFirst() {
		Instant window = farPastWindow();
		String user = newUserId();
		ApiToken later = insert(token(user, "later", "USER", window, window.plus(Duration.ofMinutes(30))));
		ApiToken sooner = insert(token(newUserId(), "sooner", "USER", window, window.plus(Duration.ofMinutes(10))));
		ApiToken revoked = insert(token(user, "revoked", "USER", window, window.plus(Duration.ofMinutes(20))));
		store().revoke(revoked.id(), window.plus(Duration.ofMinutes(1)), "revoked");
		ApiToken atTheInstant = insert(token(user, "at", "USER", window, window.plus(Duration.ofMinutes(40))));
		insert(token(user, "after", "USER", window, window.plus(Duration.ofMinutes(50))));

		List<ApiToken> due = store().expiringBefore(atTheInstant.expiresAt(), before(window), 100);

		assertThat(due).extracting(ApiToken::id).containsExactly(sooner.id(), later.id());
	}

	@Test
	default void expiringBeforePagesOnFromTheLastTokenSeenWithoutSkippingTokensThatExpireTogether() {
		Instant window = farPastWindow();
		Instant expiry = window.plus(Duration.ofMinutes(10));
		List<ApiToken> together = java.util.stream.IntStream.range(0, 5)
			.mapToObj((i) -> insert(token(newUserId(), "t" + i, "USER", window, expiry)))
			// Byte by byte, as the database orders ids (UUID.compareTo compares signed
			// halves).
			.sorted(java.util.Comparator.comparing((ApiToken token) -> token.id().toString()))
			.toList();
		ApiToken last = insert(token(newUserId(), "last", "USER", window, expiry.plusSeconds(1)));
		Instant before = window.plus(Duration.ofHours(1));

		List<ApiToken> first = store().expiringBefore(before, before(window), 2);
		List<ApiToken> second = store().expiringBefore(before, first.get(1), 2);
		List<ApiToken> third = store().expiringBefore(before, second.get(1), 2);
		List<ApiToken> fourth = store().expiringBefore(before, third.get(1), 2);

		assertThat(java.util.stream.Stream.of(first, second, third, fourth).flatMap(List::stream))
			.extracting(ApiToken::id)
			.containsExactly(together.get(0).id(), together.get(1).id(), together.get(2).id(), together.get(3).id(),
					together.get(4).id(), last.id());
	}

	@Test
	default void aTokenWhoseExpiredNoticeIsClaimedIsNoLongerListedButEarlierNoticesKeepIt() {
		Instant window = farPastWindow();
		ApiToken warned = insert(token(newUserId(), "warned", "USER", window, window.plus(Duration.ofMinutes(10))));
		ApiToken told = insert(token(newUserId(), "told", "USER", window, window.plus(Duration.ofMinutes(20))));
		Instant before = window.plus(Duration.ofHours(1));

		assertThat(store().claimNotice(warned.id(), "7d", window)).isTrue();
		assertThat(store().claimNotice(warned.id(), "1d", window)).isTrue();
		assertThat(store().claimNotice(told.id(), "expired", window)).isTrue();

		assertThat(store().expiringBefore(before, before(window), 100)).extracting(ApiToken::id)
			.containsExactly(warned.id());
	}

	@Test
	default void aNoticeIsClaimedOnceEvenByReplicasClaimingItAtTheSameTime() throws Exception {
		ApiToken token = insert(token(newUserId(), "racing", "USER", now(), now().plus(Duration.ofDays(1))));
		CountDownLatch start = new CountDownLatch(1);
		List<CompletableFuture<Boolean>> claims = java.util.stream.IntStream.range(0, 8).mapToObj((i) -> async(() -> {
			await(start);
			return inTransaction(() -> store().claimNotice(token.id(), "1d", now()));
		})).toList();
		start.countDown();

		long won = 0;
		for (CompletableFuture<Boolean> claim : claims) {
			won += claim.get(30, TimeUnit.SECONDS) ? 1 : 0;
		}

		assertThat(won).isEqualTo(1);
		assertThat(store().claimNotice(token.id(), "1d", now())).isFalse();
		assertThat(store().claimNotice(token.id(), "7d", now())).as("another kind is another notice").isTrue();
	}

	/**
	 * The start of an hour long ago that no other test's tokens fall in: listings by
	 * expiry see every user's tokens.
	 */
	private static Instant farPastWindow() {
		long hours = java.util.concurrent.ThreadLocalRandom.current().nextLong(24 * 365 * 20);
		return Instant.parse("1990-01-01T00:00:00Z").plus(Duration.ofHours(hours));
	}

	/**
	 * A token that sorts before every token expiring in the window: where a listing
	 * starts.
	 */
	private static ApiToken before(Instant window) {
		return token(newUserId(), "start", "USER", window, window.minusSeconds(1));
	}

	private ApiToken insert(ApiToken token) {
		assertThat(store().insert(token)).isTrue();
		return token;
	}

	/** Milliseconds: a store may keep no finer than microseconds. */
	private static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MILLIS);
	}

	private static String newUserId() {
		return UUID.randomUUID().toString();
	}

	private static String newHash() {
		return UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
	}

	private static ApiToken token(String userId, String name, String role, Instant createdAt, Instant expiresAt) {
		String hash = newHash();
		return new ApiToken(UUID.randomUUID(), userId, name, role, hash, hash.substring(hash.length() - 4), createdAt,
				expiresAt, null, null, null, null, null, "header.grant-" + hash.substring(0, 8) + ".signature");
	}

	private static ApiToken withGrant(ApiToken token, String grant) {
		return new ApiToken(token.id(), token.userId(), token.name(), token.role(), token.tokenHash(), token.hint(),
				token.createdAt(), token.expiresAt(), token.revokedAt(), token.revokedReason(), token.lastUsedAt(),
				token.lastUsedIp(), token.lastUsedUserAgent(), grant);
	}

}
