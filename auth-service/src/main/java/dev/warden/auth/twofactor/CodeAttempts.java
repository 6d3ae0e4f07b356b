package dev.warden.auth.twofactor;

import java.time.Clock;
import java.util.UUID;

import dev.warden.auth.login.AttemptLimiter;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Wrong one-time codes per account ({@link CodeAttemptProperties}), reserved before each
 * check.
 */
@Component
class CodeAttempts {

	private final AttemptLimiter limiter;

	private final CodeAttemptProperties properties;

	CodeAttempts(StringRedisTemplate redis, CodeAttemptProperties properties, Clock clock) {
		this.limiter = new AttemptLimiter(redis, "warden:auth:codes:", properties.schedule(), clock);
		this.properties = properties;
	}

	AttemptLimiter.Reservation reserve(UUID userId) {
		return this.limiter.reserve(userId.toString());
	}

	void reset(UUID userId) {
		this.limiter.reset(userId.toString());
	}

	/**
	 * Whether this failure is the one that spent the budget (so the owner is told once).
	 */
	boolean spentTheBudget(AttemptLimiter.Standing standing) {
		return standing.failures() == this.properties.lockAfter();
	}

}
