package dev.warden.auth.login;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Brute-force protection per account, modelled on Keycloak's ({@code warden.login.lockout.*}). Failures are
 * counted per e-mail address, whether or not an account has it, so the answers never tell which addresses exist.
 *
 * @param delayAfter failures before each further attempt must wait ({@code delay}, doubling per failure)
 * @param delay the first wait once throttled
 * @param lockAfter failures that lock the account temporarily ({@code lockFor}, doubling per failure, at most
 * {@code maxLock})
 * @param lockFor the first temporary lock
 * @param maxLock the longest temporary lock
 * @param permanentLockAfter failures that lock the account until an administrator unlocks it (0 = never)
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
		permanentLockAfter = permanentLockAfter == null ? 20 : permanentLockAfter;
		forgetAfter = forgetAfter == null ? Duration.ofHours(12) : forgetAfter;
	}

	/** How long the next attempt must wait after {@code failures} consecutive failures (zero: no wait). */
	Duration waitAfter(long failures) {
		if (failures >= this.lockAfter) {
			return doubled(this.lockFor, failures - this.lockAfter);
		}
		if (failures >= this.delayAfter) {
			return doubled(this.delay, failures - this.delayAfter);
		}
		return Duration.ZERO;
	}

	boolean locksPermanently(long failures) {
		return this.permanentLockAfter > 0 && failures >= this.permanentLockAfter;
	}

	private Duration doubled(Duration base, long times) {
		Duration wait = base.multipliedBy(1L << Math.min(times, 20));
		return wait.compareTo(this.maxLock) > 0 ? this.maxLock : wait;
	}
}
