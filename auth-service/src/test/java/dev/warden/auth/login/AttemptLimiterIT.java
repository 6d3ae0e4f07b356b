package dev.warden.auth.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.warden.auth.AuthIntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * The attempt counter's scripts against real Redis: the progression of waits, bursts, and
 * forgotten holders.
 */
class AttemptLimiterIT extends AuthIntegrationTest {

	private static final AttemptLimiter.Schedule DEFAULTS = new LockoutProperties(null, null, null, null, null, null,
			null)
		.schedule();

	@Test
	void letsTheFirstFailuresThroughThenDelaysDoublingThenLocksDoublingUpToTheCap() {
		AttemptLimiter limiter = new AttemptLimiter(this.redis, "warden:auth:attempts:test:", DEFAULTS, this.clock);
		String subject = UUID.randomUUID().toString();
		List<Long> waits = new ArrayList<>();
		for (int failure = 1; failure <= 10; failure++) {
			AttemptLimiter.Reservation attempt = limiter.reserve(subject);
			assertThat(attempt.refused()).as("attempt %d", failure).isFalse();
			AttemptLimiter.Standing after = attempt.failed();
			assertThat(after.failures()).isEqualTo(failure);
			waits.add(
					after.refusedUntil() == null ? 0 : Duration.between(after.now(), after.refusedUntil()).toSeconds());
			assertThat(limiter.reserve(subject).refused()).isEqualTo(after.refusedUntil() != null);
			this.clock.advance(Duration.ofMinutes(16));
		}
		assertThat(waits).containsExactly(0L, 0L, 1L, 2L, 60L, 120L, 240L, 480L, 900L, 900L);
	}

	@Test
	void judgesNoMoreAtOnceThanTheFirstWaitAllowsHoweverManyArrive() throws Exception {
		AttemptLimiter limiter = new AttemptLimiter(this.redis, "warden:auth:attempts:test:", DEFAULTS, this.clock);
		String subject = UUID.randomUUID().toString();
		List<Callable<AttemptLimiter.Reservation>> burst = new ArrayList<>();
		for (int attempt = 0; attempt < 200; attempt++) {
			burst.add(() -> limiter.reserve(subject));
		}
		ExecutorService pool = Executors.newFixedThreadPool(32);
		List<AttemptLimiter.Reservation> reservations = new ArrayList<>();
		try {
			for (Future<AttemptLimiter.Reservation> reservation : pool.invokeAll(burst)) {
				reservations.add(reservation.get());
			}
		}
		finally {
			pool.shutdown();
		}
		List<AttemptLimiter.Reservation> granted = reservations.stream().filter((r) -> !r.refused()).toList();
		assertThat(granted).hasSize(3);
		granted.forEach(AttemptLimiter.Reservation::failed);
		assertThat(limiter.reserve(subject).refused()).as("the third failure imposed a wait").isTrue();
	}

	@Test
	void aReservationGivenBackIsNotCountedAndOneNeverSettledExpires() {
		AttemptLimiter limiter = new AttemptLimiter(this.redis, "warden:auth:attempts:test:", DEFAULTS, this.clock);
		String subject = UUID.randomUUID().toString();
		for (int held = 0; held < 3; held++) {
			assertThat(limiter.reserve(subject).refused()).isFalse(); // never settled:
																		// its holder died
		}
		assertThat(limiter.reserve(subject).refused()).isTrue();
		this.clock.advance(Duration.ofSeconds(61));
		try (AttemptLimiter.Reservation attempt = limiter.reserve(subject)) {
			assertThat(attempt.refused()).as("the forgotten reservations expired").isFalse();
		}
		assertThat(limiter.standing(subject).failures()).isZero();
	}

	@Test
	void locksForGoodOnlyWhenAPermanentLockIsOptedInto() {
		AttemptLimiter.Schedule optedIn = new LockoutProperties(null, null, null, null, null, 6, null).schedule();
		AttemptLimiter limiter = new AttemptLimiter(this.redis, "warden:auth:attempts:test:", optedIn, this.clock);
		String subject = UUID.randomUUID().toString();
		for (int failure = 1; failure <= 6; failure++) {
			limiter.reserve(subject).failed();
			this.clock.advance(Duration.ofMinutes(16));
		}
		AttemptLimiter.Reservation refused = limiter.reserve(subject);
		assertThat(refused.refused()).isTrue();
		assertThat(refused.standing().permanentlyLocked()).isTrue();
		this.clock.advance(Duration.ofHours(6));
		assertThat(limiter.reserve(subject).refused()).isTrue();
	}

}
