package dev.warden.launcher;

import java.io.File;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WrapsDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the browser tests share: Debian's headless Chromium through its chromedriver,
 * waits, focus, axe-core, screenshots and fresh accounts.
 */
final class BrowserTesting {

	private static final Path CHROMIUM = Path.of(System.getProperty("warden.chromium", "/usr/bin/chromium"));

	private static final Path CHROMEDRIVER = Path
		.of(System.getProperty("warden.chromedriver", "/usr/bin/chromedriver"));

	static final Path SCREENSHOTS = Path.of("target/screenshots");

	private static final HttpClient HTTP = TestHttp.client();

	private static String axe;

	private BrowserTesting() {
	}

	/** Skips the class when the browser is missing; {@code .ci/run} installs it. */
	static void assumeChromium() throws Exception {
		Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
				"Chromium and chromedriver are not installed (.ci/run installs them: apt-get install chromium "
						+ "chromium-driver)");
		Files.createDirectories(SCREENSHOTS);
	}

	/** A new headless browser, added to {@code owned} for the test to quit. */
	static WebDriver open(List<WebDriver> owned) {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
				"--window-size=1280,2000", "--lang=en-GB");
		// The console, to see what a page's Content Security Policy refuses.
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		WebDriver browser = new ChromeDriver(service, options);
		owned.add(browser);
		return browser;
	}

	static void confirm(WebDriver browser) {
		WebElement dialog = waitFor(browser, By.cssSelector("dialog[open]"));
		dialog.findElement(By.cssSelector("button.primary")).click();
		patiently(browser).until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("dialog[open]")));
	}

	static void fill(WebDriver browser, String name, String value) {
		WebElement input = waitFor(browser, By.name(name));
		input.clear();
		input.sendKeys(value);
	}

	/**
	 * What axe-core (the npm package's script, from the axe-core Selenium jar) finds
	 * wrong in the page as it is now, every rule on: "rule: help (elements)".
	 */
	@SuppressWarnings("unchecked")
	static List<String> accessibilityViolations(WebDriver browser) throws Exception {
		JavascriptExecutor page = (JavascriptExecutor) browser;
		if (axe == null) {
			try (InputStream script = BrowserTesting.class.getResourceAsStream("/axe.min.js")) {
				axe = new String(script.readAllBytes(), StandardCharsets.UTF_8);
			}
		}
		browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
		page.executeScript(axe);
		return (List<String>) page.executeAsyncScript("const done = arguments[arguments.length - 1];"
				+ "axe.run(document).then((result) => done(result.passes.length === 0 ? ['axe checked nothing']"
				+ " : result.violations.map((v) => v.id + ': ' + v.help + ' ('"
				+ " + v.nodes.map((n) => n.target.join(' ')).join(', ') + ')')), (e) => done(['axe failed: ' + e]));");
	}

	/**
	 * The focused element's id, read in one step in the page: the element may be replaced
	 * at any moment while a section re-renders.
	 */
	static String activeId(WebDriver browser) {
		Object id = ((JavascriptExecutor) browser)
			.executeScript("return document.activeElement ? document.activeElement.id : null;");
		return id == null ? null : id.toString();
	}

	static String idOf(WebDriver browser, String name) {
		return browser.findElement(By.name(name)).getAttribute("id");
	}

	static WebElement waitFor(WebDriver browser, By locator) {
		return patiently(browser).until(ExpectedConditions.visibilityOfElementLocated(locator));
	}

	static WebElement waitForText(WebDriver browser, By locator) {
		return patiently(browser).until((driver) -> {
			WebElement found = driver.findElement(locator);
			return found.isDisplayed() && !found.getText().isBlank() ? found : null;
		});
	}

	static WebDriverWait patiently(WebDriver browser) {
		return new WebDriverWait(browser, Duration.ofSeconds(20));
	}

	static void screenshot(WebElement element, String name) throws Exception {
		// Whole sections in view, without the passing status message on top.
		JavascriptExecutor page = (JavascriptExecutor) ((WrapsDriver) element).getWrappedDriver();
		page.executeScript("arguments[0].scrollIntoView({block: 'start'});"
				+ "document.getElementById('toast').classList.remove('visible');", element);
		Thread.sleep(250);
		File shot = element.getScreenshotAs(OutputType.FILE);
		Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
	}

	record Account(String email, String password) {
	}

	/**
	 * A user with a permanent password, created by the bootstrap administrator over the
	 * API.
	 */
	static Account newAccount(String gateway) throws Exception {
		String admin = SharedSuite.sessionCookie(login(gateway, SharedSuite.ADMIN_EMAIL, SharedSuite.ADMIN_PASSWORD));
		Account account = new Account("browser." + UUID.randomUUID().toString().substring(0, 8) + "@example.test",
				"amber " + RandomSecrets.generate(16) + " lighthouse");
		SharedSuite.createUser(admin, account.email(), "Quinn Tester", account.password());
		return account;
	}

	static HttpResponse<String> login(String gateway, String email, String password) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/auth/login"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The {@code name} of the focused element. */
	static String activeName(WebDriver browser) {
		return activeProperty(browser, "a.getAttribute('name')");
	}

	/**
	 * {@code expression} about the focused element {@code a}, read in one step in the
	 * page: a section re-rendering may replace the element.
	 */
	static String activeProperty(WebDriver browser, String expression) {
		Object value = ((JavascriptExecutor) browser)
			.executeScript("const a = document.activeElement; return a ? " + expression + " : null;");
		return value == null ? null : value.toString();
	}

}
