package dev.warden.auth.login;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Brute-force protection of passwords per account ({@code warden.login.lockout.*}).
 * Failures are counted per e-mail address, whether or not an account has it, so the
 * answers never tell which addresses exist.
 * <p>
 * Failures alone never lock an account for good by default: anyone who knows an address
 * could otherwise lock its owner out. The temporary lock backs off (doubling up to
 * {@code maxLock}); a permanent lock is an administrator's act, or opted into with
 * {@code permanentLockAfter}.
 *
 * @param delayAfter failures before each further attempt must wait ({@code delay},
 * doubling per failure); from then on attempts are judged one at a time
 * @param delay the first wait once throttled
 * @param lockAfter failures that lock the account temporarily ({@code lockFor}, doubling
 * per failure, at most {@code maxLock})
 * @param lockFor the first temporary lock
 * @param maxLock the longest temporary lock
 * @param permanentLockAfter failures that lock the account until an administrator unlocks
 * it (0 = never, the default)
 * @param forgetAfter how long without a failure before the count starts again
 */
@ConfigurationProperties("warden.login.lockout")
public record LockoutProperties(Integer delayAfter, Duration delay, Integer lockAfter, Duration lockFor,
		Duration maxLock, Integer permanentLockAfter, Duration forgetAfter) {

	public LockoutProperties {
		delayAfter = delayAfter == null ? 3 : delayAfter;
		delay = delay == null ? Duration.ofSeconds(1) : delay;
		lockAfter = lockAfter == null ? 5 : lockAfter;
		lockFor = lockFor == null ? Duration.ofMinutes(1) : lockFor;
		maxLock = maxLock == null ? Duration.ofMinutes(15) : maxLock;
		permanentLockAfter = permanentLockAfter == null ? 0 : permanentLockAfter;
		forgetAfter = forgetAfter == null ? Duration.ofHours(12) : forgetAfter;
		if (delayAfter < 1 || lockAfter < delayAfter) {
			throw new IllegalArgumentException(
					"warden.login.lockout: delay-after must be at least 1 and lock-after at least delay-after");
		}
	}

	/** The schedule the attempt counter follows. */
	public AttemptLimiter.Schedule schedule() {
		return new AttemptLimiter.Schedule(this.delayAfter, this.delay, this.lockAfter, this.lockFor, this.maxLock,
				this.permanentLockAfter, this.forgetAfter);
	}
}
