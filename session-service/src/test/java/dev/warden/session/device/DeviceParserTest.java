package dev.warden.session.device;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeviceParserTest {

	private final DeviceParser parser = new DeviceParser();

	@Test
	void namesDesktopBrowsers() {
		Device device = this.parser.parse("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 "
				+ "(KHTML, like Gecko) Version/17.2 Safari/605.1.15");

		assertThat(device).isEqualTo(new Device("Safari 17", "Mac OS X 10", "desktop"));
	}

	@Test
	void recognisesPhonesAndTablets() {
		assertThat(this.parser
			.parse("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
					+ "Chrome/120.0.0.0 Mobile Safari/537.36")
			.deviceType()).isEqualTo("mobile");
		assertThat(this.parser
			.parse("Mozilla/5.0 (iPad; CPU OS 17_2 like Mac OS X) AppleWebKit/605.1.15 "
					+ "(KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1")
			.deviceType()).isEqualTo("tablet");
	}

	@Test
	void recognisesBots() {
		assertThat(this.parser.parse("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")
			.deviceType()).isEqualTo("bot");
	}

	@Test
	void copesWithMissingHugeAndGarbageAgents() {
		assertThat(this.parser.parse(null)).isEqualTo(new Device("Unknown browser", "Unknown OS", "unknown"));
		assertThat(this.parser.parse("x".repeat(100_000)).browser()).isEqualTo("Unknown browser");
		assertThat(this.parser.parse("curl/8.5.0").browser()).isEqualTo("curl 8");
	}

	@Test
	void fingerprintIgnoresVersionsSoAnUpdateIsNotANewDevice() {
		Device before = new Device("Chrome 119", "Windows 10", "desktop");
		Device after = new Device("Chrome 120", "Windows 10", "desktop");

		assertThat(before.fingerprint()).isEqualTo(after.fingerprint());
	}

}
