package dev.warden.auth.login;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.jspecify.annotations.Nullable;

/**
 * Failed attempts at one secret (a password, a one-time code) counted in Redis, so every
 * replica sees the same count. An attempt is <em>reserved</em> before its slow check (an
 * Argon2 hash, a database look-up) and settled after it; reserving and settling are each
 * one Lua script, so no burst can slip between check and count:
 * <ul>
 * <li>while a wait is imposed, nothing is reserved;</li>
 * <li>up to {@code delayAfter} attempts may be judged at once; from then on only one at a
 * time, and each failure imposes a wait (doubling, capped), so a burst of any size judges
 * at most {@code delayAfter} before the first wait;</li>
 * <li>a reservation its holder never settles (a crash) expires on its own.</li>
 * </ul>
 * Keys hold a SHA-256 of the subject, never the subject (an e-mail address).
 */
public final class AttemptLimiter {

	/**
	 * How long an unsettled reservation counts; longer than the slowest check waiting for
	 * a hash slot.
	 */
	private static final Duration RESERVATION_LIFETIME = Duration.ofSeconds(60);

	/**
	 * KEYS: state hash, reservations zset. ARGV: now ms, id, lifetime ms, delayAfter,
	 * permanentAfter.
	 */
	private static final RedisScript<List> RESERVE = RedisScript.of("""
			local now = tonumber(ARGV[1])
			redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
			local state = redis.call('HMGET', KEYS[1], 'count', 'until')
			local count = tonumber(state[1] or '0')
			local untilMs = tonumber(state[2] or '0')
			local permanentAfter = tonumber(ARGV[5])
			if permanentAfter > 0 and count >= permanentAfter then return {count, -1} end
			if untilMs > now then return {count, untilMs} end
			local pending = redis.call('ZCARD', KEYS[2])
			if pending > 0 and count + pending >= tonumber(ARGV[4]) then return {count, now + 1000} end
			redis.call('ZADD', KEYS[2], now + tonumber(ARGV[3]), ARGV[2])
			redis.call('PEXPIRE', KEYS[2], ARGV[3])
			return {count, 0}""", List.class);

	/**
	 * KEYS: state hash, reservations zset. ARGV: now ms, id, delayAfter, delay ms,
	 * lockAfter, lockFor ms, maxLock ms, forgetAfter ms. Returns the new count and the
	 * end of the wait it imposes (0: none).
	 */
	private static final RedisScript<List> FAIL = RedisScript.of("""
			local now = tonumber(ARGV[1])
			redis.call('ZREM', KEYS[2], ARGV[2])
			local count = redis.call('HINCRBY', KEYS[1], 'count', 1)
			local delayAfter, lockAfter = tonumber(ARGV[3]), tonumber(ARGV[5])
			local wait = 0
			if count >= lockAfter then
				wait = tonumber(ARGV[6]) * 2 ^ math.min(count - lockAfter, 20)
			elseif count >= delayAfter then
				wait = tonumber(ARGV[4]) * 2 ^ math.min(count - delayAfter, 20)
			end
			wait = math.min(wait, tonumber(ARGV[7]))
			local untilMs = 0
			if wait > 0 then
				untilMs = now + wait
				local previous = tonumber(redis.call('HGET', KEYS[1], 'until') or '0')
				if previous > untilMs then untilMs = previous end
				redis.call('HSET', KEYS[1], 'until', untilMs)
			end
			redis.call('PEXPIRE', KEYS[1], ARGV[8])
			return {count, untilMs}""", List.class);

	private final StringRedisTemplate redis;

	private final String prefix;

	private final Schedule schedule;

	private final Clock clock;

	public AttemptLimiter(StringRedisTemplate redis, String prefix, Schedule schedule, Clock clock) {
		this.redis = redis;
		this.prefix = prefix;
		this.schedule = schedule;
		this.clock = clock;
	}

	/**
	 * Reserves one attempt for {@code subject}, or answers why not.
	 * @return the reservation, to settle with {@link Reservation#failed()},
	 * {@link Reservation#succeeded()} or {@link Reservation#release()}; or a refusal
	 * ({@link Reservation#refused()})
	 */
	public Reservation reserve(String subject) {
		Instant now = now();
		String id = UUID.randomUUID().toString();
		String state = key(subject);
		List<?> answer = this.redis.execute(RESERVE, List.of(state, state + ":pending"),
				Long.toString(now.toEpochMilli()), id, Long.toString(RESERVATION_LIFETIME.toMillis()),
				Long.toString(this.schedule.delayAfter()), Long.toString(this.schedule.permanentAfter()));
		long count = number(answer, 0);
		long until = number(answer, 1);
		if (until == -1) {
			return new Reservation(this, state, null, new Standing(count, null, true, now));
		}
		if (until > 0) {
			return new Reservation(this, state, null, new Standing(count, Instant.ofEpochMilli(until), false, now));
		}
		return new Reservation(this, state, id, new Standing(count, null, false, now));
	}

	/** Where the subject stands now, without reserving anything. */
	public Standing standing(String subject) {
		List<Object> values = this.redis.opsForHash().multiGet(key(subject), List.of("count", "until"));
		long count = values.get(0) == null ? 0 : Long.parseLong(values.get(0).toString());
		Instant until = values.get(1) == null ? null : Instant.ofEpochMilli(Long.parseLong(values.get(1).toString()));
		return new Standing(count, until, this.schedule.locksPermanently(count), this.clock.instant());
	}

	/** Starts the count again (a completed sign-in, an administrator's unlock). */
	public void reset(String subject) {
		String state = key(subject);
		this.redis.delete(List.of(state, state + ":pending"));
	}

	private Standing fail(String state, String id) {
		Instant now = now();
		List<?> answer = this.redis.execute(FAIL, List.of(state, state + ":pending"), Long.toString(now.toEpochMilli()),
				id, Long.toString(this.schedule.delayAfter()), Long.toString(this.schedule.delay().toMillis()),
				Long.toString(this.schedule.lockAfter()), Long.toString(this.schedule.lockFor().toMillis()),
				Long.toString(this.schedule.maxLock().toMillis()),
				Long.toString(this.schedule.forgetAfter().toMillis()));
		long count = number(answer, 0);
		long until = number(answer, 1);
		return new Standing(count, until > 0 ? Instant.ofEpochMilli(until) : null,
				this.schedule.locksPermanently(count), now);
	}

	/** The clock in whole milliseconds, as the scripts count. */
	private Instant now() {
		return Instant.ofEpochMilli(this.clock.millis());
	}

	private void release(String state, String id) {
		this.redis.opsForZSet().remove(state + ":pending", id);
	}

	private String key(String subject) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(subject.getBytes(StandardCharsets.UTF_8));
			return this.prefix + HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static long number(List<?> answer, int index) {
		if (answer == null || answer.size() <= index || answer.get(index) == null) {
			throw new IllegalStateException("Unexpected answer from the attempt script");
		}
		return ((Number) answer.get(index)).longValue();
	}

	/**
	 * The progression of waits: none for the first {@code delayAfter - 1} failures, then
	 * {@code delay} doubling per failure, from {@code lockAfter} on {@code lockFor}
	 * doubling per failure; never more than {@code maxLock}. {@code permanentAfter}
	 * failures (0: never) refuse every further attempt. A count without a new failure for
	 * {@code forgetAfter} starts again.
	 */
	public record Schedule(int delayAfter, Duration delay, int lockAfter, Duration lockFor, Duration maxLock,
			int permanentAfter, Duration forgetAfter) {

		boolean locksPermanently(long failures) {
			return this.permanentAfter > 0 && failures >= this.permanentAfter;
		}
	}

	/**
	 * One attempt: either refused (with the standing that refused it), or reserved until
	 * settled. Settling twice is harmless; the first settlement counts.
	 */
	public static final class Reservation implements AutoCloseable {

		private final AttemptLimiter limiter;

		private final String state;

		private final boolean granted;

		private @Nullable String id;

		private final Standing before;

		Reservation(AttemptLimiter limiter, String state, @Nullable String id, Standing before) {
			this.limiter = limiter;
			this.state = state;
			this.granted = id != null;
			this.id = id;
			this.before = before;
		}

		/** Whether the attempt may not be made: {@link #standing()} says until when. */
		public boolean refused() {
			return !this.granted;
		}

		/** The standing when the attempt was reserved or refused. */
		public Standing standing() {
			return this.before;
		}

		/**
		 * Counts the attempt as a failure; returns the standing after it (a second call
		 * counts nothing).
		 */
		public Standing failed() {
			String reserved = take();
			return reserved == null ? this.before : this.limiter.fail(this.state, reserved);
		}

		/** The attempt succeeded: the count starts again. */
		public void succeeded() {
			take();
			this.limiter.redis.delete(List.of(this.state, this.state + ":pending"));
		}

		/** Neither: the attempt is given back uncounted. */
		public void release() {
			String reserved = take();
			if (reserved != null) {
				this.limiter.release(this.state, reserved);
			}
		}

		@Override
		public void close() {
			release();
		}

		private synchronized @Nullable String take() {
			String reserved = this.id;
			this.id = null;
			return reserved;
		}

	}

	/**
	 * @param failures consecutive failures
	 * @param refusedUntil attempts before this instant are refused, or {@code null}
	 * @param permanentlyLocked whether the count reached the permanent lock
	 * @param now when this standing was read
	 */
	public record Standing(long failures, @Nullable Instant refusedUntil, boolean permanentlyLocked, Instant now) {

		public boolean refused() {
			return this.permanentlyLocked || (this.refusedUntil != null && this.refusedUntil.isAfter(this.now));
		}

		/** Seconds until the next attempt is allowed, rounded up, at least 1. */
		public long retryAfterSeconds() {
			if (this.refusedUntil == null || !this.refusedUntil.isAfter(this.now)) {
				return 1;
			}
			long millis = Duration.between(this.now, this.refusedUntil).toMillis();
			return Math.max(1, (millis + 999) / 1000);
		}
	}

}
