package dev.warden.launcher;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.WebDriver;

/**
 * A browser test against the shared suite: skipped where Chromium is missing, each
 * browser it opens quit after each test.
 */
abstract class BrowserTest {

	protected static LocalSuite suite;

	private final List<WebDriver> browsers = new ArrayList<>();

	@BeforeAll
	static void startSuite() throws Exception {
		BrowserTesting.assumeChromium();
		suite = SharedSuite.get();
	}

	@AfterEach
	void closeBrowsers() {
		this.browsers.forEach(WebDriver::quit);
		this.browsers.clear();
	}

	/** A new headless browser, quit after the test. */
	protected WebDriver browser() {
		return BrowserTesting.open(this.browsers);
	}

	protected static String gateway() {
		return suite.url(WardenService.GATEWAY);
	}

}
