package dev.warden.auth.password.breached;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import dev.warden.auth.password.breached.BreachedPasswordScreening.Verdict;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Breached-password screening against a range server on loopback (real HTTP) and a
 * directory of range files: what is sent, what is found, and every way a range cannot be
 * had, in both modes.
 */
class BreachedPasswordScreeningTest {

	private static final String BREACHED = "correct horse battery staple";

	private final RangeServerStub ranges = new RangeServerStub().breach(BREACHED, 3);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@AfterEach
	void stop() {
		this.ranges.close();
	}

	@Test
	void sendsOnlyTheFirstFiveCharactersOfTheHashWithPaddingAndComparesTheRestHere() {
		BreachedPasswordScreening screening = screening(this.ranges.url(), null, null, 1);

		assertThat(screening.check(BREACHED)).isEqualTo(Verdict.BREACHED);
		assertThat(screening.check("a passphrase nobody ever leaked 7f3c")).isEqualTo(Verdict.CLEAN);

		assertThat(this.ranges.requests()).hasSize(2).allSatisfy((request) -> {
			assertThat(request.prefix()).matches("[0-9A-F]{5}");
			assertThat(request.addPadding()).isEqualTo("true");
		});
		assertThat(this.ranges.requests().get(0).prefix()).isEqualTo(RangeServerStub.sha1(BREACHED).substring(0, 5));
		assertThat(this.meters.get("warden.password.breached.checks").tag("outcome", "breached").counter().count())
			.isEqualTo(1);
		assertThat(this.meters.get("warden.password.breached.checks").tag("outcome", "clean").counter().count())
			.isEqualTo(1);
	}

	@Test
	void aRangeIsAskedForOnceWhileCachedAndPaddingAndTheThresholdCount() {
		BreachedPasswordScreening screening = screening(this.ranges.url(), null, null, 5);

		assertThat(screening.check(BREACHED)).as("3 breaches, threshold 5").isEqualTo(Verdict.CLEAN);
		assertThat(screening.check(BREACHED)).isEqualTo(Verdict.CLEAN);
		assertThat(this.ranges.requests()).hasSize(1);
	}

	@Test
	void anErrorOrATimeoutIsUnavailableAndCountedWhateverTheMode() {
		this.ranges.failWith(503);
		BreachedPasswordScreening open = screening(this.ranges.url(), null, "fail-open", 1);
		BreachedPasswordScreening closed = screening(this.ranges.url(), null, "fail-closed", 1);

		assertThat(open.check(BREACHED)).isEqualTo(Verdict.UNAVAILABLE);
		assertThat(closed.check(BREACHED)).isEqualTo(Verdict.UNAVAILABLE);
		assertThat(closed.mode()).isEqualTo(BreachedPasswordProperties.Mode.FAIL_CLOSED);

		// Slower than the timeout: had the answer been waited for, it would say BREACHED.
		this.ranges.failWith(0).delay(1500);
		assertThat(screening(this.ranges.url(), null, "fail-open", 1).check(BREACHED)).isEqualTo(Verdict.UNAVAILABLE);
		assertThat(this.meters.get("warden.password.breached.checks").tag("outcome", "unavailable").counter().count())
			.isEqualTo(3);
		// A range far beyond any real one (4 MB): not read to its end.
		this.ranges.delay(0).padWith(100_000);
		assertThat(screening(this.ranges.url(), null, "fail-open", 1).check(BREACHED)).isEqualTo(Verdict.UNAVAILABLE);
		this.ranges.padWith(0);
		assertThat(screening("http://127.0.0.1:9/range/", null, "fail-closed", 1).check(BREACHED))
			.as("nothing listening")
			.isEqualTo(Verdict.UNAVAILABLE);
	}

	@Test
	void afterAFailureNoRangeIsAskedForDuringThePauseAndAnAnswerWithoutRangeLinesIsNoRange() {
		this.ranges.failWith(500);
		BreachedPasswordScreening paused = screening(this.ranges.url(), null, "fail-open", 1, Duration.ofMinutes(1));

		assertThat(paused.check(BREACHED)).isEqualTo(Verdict.UNAVAILABLE);
		this.ranges.failWith(0);
		assertThat(paused.check(BREACHED)).as("within the pause: not asked").isEqualTo(Verdict.UNAVAILABLE);
		assertThat(this.ranges.requests()).hasSize(1);

		this.ranges.answerWith("<html>Sign in to the hotel Wi-Fi</html>");
		assertThat(screening(this.ranges.url(), null, "fail-closed", 1).check(BREACHED))
			.as("a captive portal's page is not a clean range")
			.isEqualTo(Verdict.UNAVAILABLE);
	}

	@Test
	void rangeFilesAnOperatorDownloadedAreReadAndAMissingOneIsUnavailable(@TempDir Path directory) throws Exception {
		String hash = RangeServerStub.sha1(BREACHED);
		Files.writeString(directory.resolve(hash.substring(0, 5) + ".txt"), hash.substring(5) + ":12\r\n");
		BreachedPasswordScreening screening = screening(null, directory.toString(), null, 1);

		assertThat(screening.mode()).isEqualTo(BreachedPasswordProperties.Mode.FAIL_OPEN);
		assertThat(screening.check(BREACHED)).isEqualTo(Verdict.BREACHED);
		assertThat(screening.check("a passphrase in no downloaded range")).isEqualTo(Verdict.UNAVAILABLE);
	}

	@Test
	void offWithoutASourceAndAModeWithoutOneDoesNotStart() {
		assertThat(screening(null, null, null, 1).check(BREACHED)).isEqualTo(Verdict.NOT_CHECKED);
		assertThat(screening(this.ranges.url(), null, "off", 1).check(BREACHED)).isEqualTo(Verdict.NOT_CHECKED);
		assertThat(this.ranges.requests()).isEmpty();
		assertThatThrownBy(() -> screening(null, null, "fail-closed", 1)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("WARDEN_PASSWORD_BREACHED_RANGEURL");
		assertThatThrownBy(() -> screening(this.ranges.url(), null, "sometimes", 1))
			.isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> screening("http://ranges.example.test/range/", null, null, 1))
			.as("the prefix would travel in clear")
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("https");
		assertThatThrownBy(() -> screening(this.ranges.url(), null, null, 0)).isInstanceOf(IllegalStateException.class);
	}

	private BreachedPasswordScreening screening(String url, String directory, String mode, int threshold) {
		return screening(url, directory, mode, threshold, Duration.ZERO);
	}

	private BreachedPasswordScreening screening(String url, String directory, String mode, int threshold,
			Duration pause) {
		return new BreachedPasswordScreening(new BreachedPasswordProperties(url, directory, mode, threshold,
				Duration.ofMillis(400), 8, Duration.ofMinutes(5), pause), this.meters, Clock.systemUTC());
	}

}
