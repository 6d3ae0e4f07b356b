package dev.warden.auth.login;

import java.time.Clock;
import java.util.Locale;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Failed passwords per e-mail address (lower-cased), whether or not an account has it, so
 * throttling never tells which addresses exist. Every attempt is reserved before its
 * Argon2 hash ({@link AttemptLimiter}).
 */
@Component
public class LoginAttempts {

	private final AttemptLimiter limiter;

	LoginAttempts(StringRedisTemplate redis, LockoutProperties properties, Clock clock) {
		this.limiter = new AttemptLimiter(redis, "warden:auth:attempts:", properties.schedule(), clock);
	}

	/**
	 * Reserves one password attempt for this address; check
	 * {@link AttemptLimiter.Reservation#refused()}.
	 */
	public AttemptLimiter.Reservation reserve(String email) {
		return this.limiter.reserve(normalize(email));
	}

	/**
	 * Where the address stands now: how many failures, and until when attempts are
	 * refused.
	 */
	public AttemptLimiter.Standing standing(String email) {
		return this.limiter.standing(normalize(email));
	}

	/** A successful sign-in, or an administrator's unlock, starts the count again. */
	public void reset(String email) {
		this.limiter.reset(normalize(email));
	}

	private static String normalize(String email) {
		return email.strip().toLowerCase(Locale.ROOT);
	}

}
