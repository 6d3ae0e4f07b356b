package dev.warden.auth.login;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Consecutive sign-in failures per e-mail address, in Redis so every replica sees the same count. Keys hold
 * a SHA-256 of the lower-cased address, never the address. A failure is one atomic script (count, and the time
 * before which the next attempt is refused), so concurrent guesses cannot slip between count and lock.
 */
@Component
public class LoginAttempts {

	private static final String PREFIX = "warden:auth:attempts:";

	/** KEYS[1] hash; ARGV: now ms, forget-after ms. Returns the new count. */
	private static final RedisScript<Long> FAIL = RedisScript.of("""
			local count = redis.call('HINCRBY', KEYS[1], 'count', 1)
			redis.call('HSET', KEYS[1], 'last', ARGV[1])
			redis.call('PEXPIRE', KEYS[1], ARGV[2])
			return count""", Long.class);

	private final StringRedisTemplate redis;

	private final LockoutProperties properties;

	private final Clock clock;

	LoginAttempts(StringRedisTemplate redis, LockoutProperties properties, Clock clock) {
		this.redis = redis;
		this.properties = properties;
		this.clock = clock;
	}

	/** Where the address stands now: how many failures, and until when attempts are refused. */
	public Standing standing(String email) {
		List<Object> values = this.redis.opsForHash().multiGet(key(email), List.of("count", "until"));
		long count = values.get(0) == null ? 0 : Long.parseLong(values.get(0).toString());
		Instant until = values.get(1) == null ? null : Instant.ofEpochMilli(Long.parseLong(values.get(1).toString()));
		return new Standing(count, until, this.properties.locksPermanently(count), this.clock.instant());
	}

	/** Records a failure; returns the standing after it, including any wait it now imposes. */
	public Standing recordFailure(String email) {
		Instant now = this.clock.instant();
		String key = key(email);
		Long count = this.redis.execute(FAIL, List.of(key), Long.toString(now.toEpochMilli()),
				Long.toString(this.properties.forgetAfter().toMillis()));
		long failures = count == null ? 1 : count;
		Duration wait = this.properties.waitAfter(failures);
		Instant until = wait.isZero() ? null : now.plus(wait);
		if (until != null) {
			this.redis.opsForHash().put(key, "until", Long.toString(until.toEpochMilli()));
		}
		return new Standing(failures, until, this.properties.locksPermanently(failures), now);
	}

	/** A successful sign-in, or an administrator's unlock, starts the count again. */
	public void reset(String email) {
		this.redis.delete(key(email));
	}

	static String key(String email) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(email.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
			return PREFIX + HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * @param failures consecutive failures
	 * @param refusedUntil attempts before this instant are refused, or {@code null}
	 * @param permanentlyLocked whether the count reached the permanent lock
	 * @param now when this standing was read
	 */
	public record Standing(long failures, Instant refusedUntil, boolean permanentlyLocked, Instant now) {

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
