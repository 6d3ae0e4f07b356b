package dev.warden.auth.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The progression of waits: none, then a doubling delay, then a doubling lock capped at the maximum. */
class LockoutPropertiesTest {

	private final LockoutProperties defaults = new LockoutProperties(null, null, null, null, null, null, null);

	@Test
	void letsTheFirstFailuresThroughThenDelaysThenLocks() {
		assertThat(this.defaults.waitAfter(1)).isZero();
		assertThat(this.defaults.waitAfter(2)).isZero();
		assertThat(this.defaults.waitAfter(3)).isEqualTo(Duration.ofSeconds(1));
		assertThat(this.defaults.waitAfter(4)).isEqualTo(Duration.ofSeconds(2));
		assertThat(this.defaults.waitAfter(5)).isEqualTo(Duration.ofMinutes(1));
		assertThat(this.defaults.waitAfter(6)).isEqualTo(Duration.ofMinutes(2));
		assertThat(this.defaults.waitAfter(9)).isEqualTo(Duration.ofMinutes(15));
		assertThat(this.defaults.waitAfter(1_000)).isEqualTo(Duration.ofMinutes(15));
	}

	@Test
	void locksPermanentlyAtTheConfiguredCountUnlessTurnedOff() {
		assertThat(this.defaults.locksPermanently(19)).isFalse();
		assertThat(this.defaults.locksPermanently(20)).isTrue();
		assertThat(new LockoutProperties(null, null, null, null, null, 0, null).locksPermanently(1_000)).isFalse();
	}
}
