package dev.warden.auth.twofactor;

import java.time.Duration;

import dev.warden.auth.login.AttemptLimiter;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The account's budget of wrong one-time codes (TOTP and recovery codes,
 * {@code warden.two-factor.attempts.*}), counted per account whatever the number of
 * sign-in challenges or client addresses, and reset only by a completed sign-in (or
 * {@code forgetAfter} without a wrong code). Whoever is guessing codes already knows the
 * password, so the budget is small: a few codes freely, then one at a time with a
 * doubling wait, and at {@code lockAfter} codes are refused for {@code lockFor} (doubling
 * per further wrong code, at most {@code maxLock}) and the owner is told by mail.
 */
@ConfigurationProperties("warden.two-factor.attempts")
public record CodeAttemptProperties(Integer delayAfter, Duration delay, Integer lockAfter, Duration lockFor,
		Duration maxLock, Duration forgetAfter) {

	public CodeAttemptProperties {
		delayAfter = delayAfter == null ? 3 : delayAfter;
		delay = delay == null ? Duration.ofSeconds(1) : delay;
		lockAfter = lockAfter == null ? 10 : lockAfter;
		lockFor = lockFor == null ? Duration.ofMinutes(15) : lockFor;
		maxLock = maxLock == null ? Duration.ofHours(1) : maxLock;
		forgetAfter = forgetAfter == null ? Duration.ofHours(24) : forgetAfter;
		// A budget that is spent refuses codes for a while, and says until when.
		if (delayAfter < 1 || lockAfter < delayAfter || lockFor.isZero() || lockFor.isNegative() || maxLock.isZero()
				|| maxLock.isNegative()) {
			throw new IllegalArgumentException("warden.two-factor.attempts: delay-after must be at least 1, lock-after"
					+ " at least delay-after, and lock-for and max-lock longer than zero");
		}
	}

	AttemptLimiter.Schedule schedule() {
		return new AttemptLimiter.Schedule(this.delayAfter, this.delay, this.lockAfter, this.lockFor, this.maxLock, 0,
				this.forgetAfter);
	}
}
