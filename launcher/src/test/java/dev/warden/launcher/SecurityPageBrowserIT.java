package dev.warden.launcher;

import static dev.warden.launcher.BrowserTesting.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The Security page in a real browser: Debian's headless Chromium driven through its
 * chromedriver, against the whole suite. Each test signs in a fresh user from the login
 * page and does what a user of the page would; a screenshot of each section lands in
 * {@code launcher/target/screenshots} for review.
 */
class SecurityPageBrowserIT extends BrowserTest {

	private final HttpClient http = TestHttp.client();

	@Test
	void signsInOpensSecurityFromTheUserMenuAndChangesThePassword() throws Exception {
		Account account = newAccount(gateway());
		WebDriver browser = browser();
		signIn(browser, account);

		browser.findElement(By.id("usermenu-button")).click();
		Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
				SCREENSHOTS.resolve("user-menu.png"), StandardCopyOption.REPLACE_EXISTING);
		browser.findElement(By.id("menu-security")).click();
		WebElement password = waitFor(browser, By.id("password"));
		waitFor(browser, By.cssSelector("#password-policy ul.policy"));
		screenshot(password, "password");

		fill(browser, "currentPassword", account.password());
		fill(browser, "newPassword", "violet " + UUID.randomUUID() + " orchard");
		fill(browser, "confirmPassword", "something else entirely");
		password.findElement(By.cssSelector("button[type=submit]")).click();
		WebElement mismatch = waitForText(browser, By.id(idOf(browser, "confirmPassword") + "-error"));
		assertThat(mismatch.getText()).isNotBlank();
		assertThat(browser.findElement(By.name("confirmPassword")).getAttribute("aria-invalid")).isEqualTo("true");

		String fresh = "violet " + UUID.randomUUID() + " orchard";
		fill(browser, "newPassword", fresh);
		fill(browser, "confirmPassword", fresh);
		password.findElement(By.cssSelector("button[type=submit]")).click();
		patiently(browser)
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("toast"), "password was changed"));
		// No error left behind beside the success, and focus on the section, not on the
		// page's body.
		patiently(browser).until((driver) -> "password-title".equals(activeId(driver)));
		assertThat(password.findElements(By.cssSelector(".error-text")))
			.allSatisfy((error) -> assertThat(error.getText()).isEmpty());

		assertThat(login(gateway(), account.email(), fresh).statusCode()).isEqualTo(200);
		assertThat(login(gateway(), account.email(), account.password()).statusCode()).isEqualTo(401);
	}

	@Test
	void showsTheSessionOfAnotherBrowserAndEndsIt() throws Exception {
		Account account = newAccount(gateway());
		WebDriver laptop = browser();
		WebDriver phone = browser();
		signIn(phone, account);
		signIn(laptop, account);
		laptop.get(gateway() + "/#/security");

		WebElement sessions = waitFor(laptop, By.id("sessions"));
		patiently(laptop).until((driver) -> sessions.findElements(By.cssSelector("tbody tr")).size() == 2);
		assertThat(sessions.findElement(By.cssSelector("tbody")).getText()).contains("This device");
		// "Last active" in words, the exact time on hover; when each session started and
		// ends.
		WebElement lastActive = sessions.findElement(By.cssSelector("tbody td[data-label='Last active'] time"));
		assertThat(lastActive.getText()).matches("just now|.+ ago");
		assertThat(lastActive.getAttribute("title")).isNotBlank();
		assertThat(sessions.findElement(By.cssSelector("thead")).getText()).contains("Signed in").contains("Expires");
		screenshot(sessions, "sessions");

		sessions.findElement(By.xpath(".//tbody/tr[not(.//span[@class='badge'])]//button")).click();
		WebElement question = waitFor(laptop, By.cssSelector("dialog[open]"));
		assertThat(laptop.switchTo().activeElement().getText()).as("a destructive question starts on Cancel")
			.isEqualTo("Cancel");
		assertThat(question.getText()).contains("End this session?");
		confirm(laptop);
		patiently(laptop).until((driver) -> sessions.findElements(By.cssSelector("tbody tr")).size() == 1);

		phone.navigate().refresh();
		waitFor(phone, By.id("login-title"));
		assertThat(phone.findElement(By.id("main")).getText()).contains("Sign in");
	}

	@Test
	void enablesTwoFactorWithTheShownSecretAndSignsInWithACode() throws Exception {
		Account account = newAccount(gateway());
		WebDriver browser = browser();
		signIn(browser, account);
		browser.get(gateway() + "/#/security");

		WebElement twoFactor = waitFor(browser, By.id("two-factor"));
		clickEnableTwoFactor(browser);
		String secret = waitForText(browser, By.id("two-factor-secret")).getText();
		assertThat(twoFactor.findElement(By.cssSelector("img.qr")).getAttribute("src")).startsWith("data:image/png");
		screenshot(twoFactor, "two-factor-setup");
		twoFactor.findElement(By.name("code")).sendKeys(AuthenticatorApp.code(secret, 0));
		twoFactor.findElement(By.xpath(".//button[.='Turn on']")).click();

		WebElement codes = waitFor(browser, By.cssSelector("#two-factor ul.codes"));
		assertThat(codes.findElements(By.tagName("li"))).hasSize(10);
		screenshot(twoFactor, "two-factor-recovery-codes");
		twoFactor.findElement(By.xpath(".//button[.='I have saved them']")).click();
		patiently(browser).until(ExpectedConditions.textToBePresentInElement(twoFactor, "On"));
		// A sign-in factor changed: the page offers to sign out everywhere else.
		patiently(browser)
			.until(ExpectedConditions
				.elementToBeClickable(By.xpath("//*[@id='two-factor']//button[.='End other sessions']")))
			.click();
		patiently(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("toast"), "ended"));

		browser.findElement(By.id("usermenu-button")).click();
		browser.findElement(By.id("menu-signout")).click();
		waitFor(browser, By.id("login-title"));
		fill(browser, "email", account.email());
		fill(browser, "password", account.password());
		browser.findElement(By.cssSelector("form button[type=submit]")).click();
		waitFor(browser, By.id("mfa-title"));
		fill(browser, "code", AuthenticatorApp.code(secret, 1));
		browser.findElement(By.cssSelector("form button[type=submit]")).click();
		patiently(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "Welcome"));
	}

	@Test
	void whenThePolicyRequiresTwoFactorThePageShowsOnlyItsSetUpUntilItIsOn() throws Exception {
		Account account = newAccount(gateway());
		String admin = SharedSuite.sessionCookie(login(gateway(), SharedSuite.ADMIN_EMAIL, SharedSuite.ADMIN_PASSWORD));
		SharedSuite.requireTwoFactorOf(admin, "[\"USER\"]");
		try {
			WebDriver browser = browser();
			browser.get(gateway() + "/");
			fill(browser, "email", account.email());
			fill(browser, "password", account.password());
			browser.findElement(By.cssSelector("form button[type=submit]")).click();

			WebElement twoFactor = waitFor(browser, By.id("two-factor"));
			assertThat(twoFactor.getText())
				.contains("Your organisation requires two-factor authentication. Set it up to continue.");
			assertThat(browser.findElements(By.id("password"))).isEmpty();
			assertThat(browser.findElements(By.id("sessions"))).isEmpty();
			assertThat(browser.findElements(By.id("tokens"))).isEmpty();
			patiently(browser)
				.until(ExpectedConditions
					.elementToBeClickable(twoFactor.findElement(By.xpath(".//button[contains(., 'Enable')]"))))
				.click();
			String secret = waitForText(browser, By.id("two-factor-secret")).getText();
			screenshot(twoFactor, "two-factor-required");
			twoFactor.findElement(By.name("code")).sendKeys(AuthenticatorApp.code(secret, 0));
			twoFactor.findElement(By.xpath(".//button[.='Turn on']")).click();
			waitFor(browser, By.cssSelector("#two-factor ul.codes"));
			browser.findElement(By.xpath("//section[@id='two-factor']//button[.='I have saved them']")).click();

			WebElement sessions = waitFor(browser, By.id("sessions"));
			patiently(browser).until((driver) -> sessions.findElements(By.cssSelector("tbody tr")).size() == 1);
			WebElement shown = waitFor(browser, By.id("two-factor"));
			patiently(browser).until(ExpectedConditions.textToBePresentInElement(shown, "cannot be turned off"));
			assertThat(shown.findElements(By.xpath(".//button[.='Turn off']"))).isEmpty();
		}
		finally {
			SharedSuite.requireTwoFactorOf(admin, "[]");
		}
	}

	@Test
	void addsAnApiTokenShowsItOnceAndRevokesIt() throws Exception {
		Account account = newAccount(gateway());
		WebDriver browser = browser();
		signIn(browser, account);
		browser.get(gateway() + "/#/security");

		patiently(browser).until(ExpectedConditions.elementToBeClickable(By.id("add-token"))).click();
		WebElement modal = waitFor(browser, By.cssSelector("dialog[open]"));
		modal.findElement(By.name("name")).sendKeys("Nightly backup");
		new Select(modal.findElement(By.name("validityMonths"))).selectByValue("6");
		new Select(modal.findElement(By.name("role"))).selectByValue("USER");
		screenshot(modal, "tokens-add-modal");
		modal.findElement(By.xpath(".//button[.='Create token']")).click();
		String token = waitForText(browser, By.id("new-token")).getText();
		assertThat(token).startsWith("wdn_");
		assertThat(modal.getText()).contains("will not be shown again");
		screenshot(modal, "tokens-created");
		modal.findElement(By.xpath(".//button[.='Done']")).click();

		WebElement tokens = waitFor(browser, By.id("tokens"));
		patiently(browser).until(ExpectedConditions.textToBePresentInElement(tokens, "Nightly backup"));
		assertThat(tokens.getText()).doesNotContain(token);
		screenshot(tokens, "tokens");
		assertThat(callWithToken(token)).isEqualTo(200);
		tokens.findElement(By.xpath(".//button[starts-with(@aria-label, 'Revoke')]")).click();
		confirm(browser);
		patiently(browser).until(ExpectedConditions.textToBePresentInElement(tokens, "revoked"));
		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		int status = callWithToken(token);
		while (status != 401 && System.nanoTime() < deadline) {
			Thread.sleep(100);
			status = callWithToken(token);
		}
		assertThat(status).isEqualTo(401);

		// The log shows the change without reloading the page.
		WebElement log = waitFor(browser, By.id("log"));
		patiently(browser).until((driver) -> log.getText().contains("API token \"Nightly backup\" revoked"));
		assertThat(log.getText()).contains("Signed in");
		screenshot(log, "security-log");
	}

	@Test
	void theSignInPageTheSecurityPageAndItsDialogsPassAxe() throws Exception {
		WebDriver browser = browser();
		browser.get(gateway() + "/");
		waitFor(browser, By.cssSelector("section.login"));
		assertThat(accessibilityViolations(browser)).as("the sign-in page").isEmpty();
		browser.findElement(By.cssSelector("form button[type=submit]")).click();
		waitForText(browser, By.id(idOf(browser, "email") + "-error"));
		assertThat(accessibilityViolations(browser)).as("the sign-in page with its errors").isEmpty();

		Account account = newAccount(gateway());
		signIn(browser, account);
		browser.get(gateway() + "/#/security");
		WebElement tokens = waitFor(browser, By.id("tokens"));
		patiently(browser).until((driver) -> driver.findElements(By.cssSelector("#sessions tbody tr")).size() == 1
				&& !driver.findElements(By.cssSelector("#log tbody tr")).isEmpty()
				&& driver.findElements(By.cssSelector("#password-policy ul.policy")).size() == 1
				&& tokens.getText().contains("No API tokens yet."));
		assertThat(accessibilityViolations(browser)).as("the Security page").isEmpty();

		addToken(browser, "Checked",
				() -> assertThat(accessibilityViolations(browser)).as("the Add token dialog").isEmpty(),
				() -> assertThat(accessibilityViolations(browser)).as("the new token, shown once").isEmpty());
		patiently(browser).until(ExpectedConditions.textToBePresentInElement(tokens, "Checked"));
		tokens.findElement(By.xpath(".//button[starts-with(@aria-label, 'Revoke')]")).click();
		waitFor(browser, By.cssSelector("dialog[open]"));
		assertThat(accessibilityViolations(browser)).as("a destructive question").isEmpty();
		browser.switchTo().activeElement().click();
		patiently(browser).until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("dialog[open]")));

		clickEnableTwoFactor(browser);
		waitForText(browser, By.id("two-factor-secret"));
		assertThat(accessibilityViolations(browser)).as("the two-factor set-up").isEmpty();
	}

	@Test
	void anEmptySignInNamesEveryMissingFieldInWords() throws Exception {
		WebDriver browser = browser();
		browser.get(gateway() + "/");
		waitFor(browser, By.cssSelector("section.login"));
		browser.findElement(By.cssSelector("form button[type=submit]")).click();

		assertThat(waitForText(browser, By.id(idOf(browser, "email") + "-error")).getText())
			.isEqualTo("Enter your e-mail address.");
		assertThat(browser.findElement(By.id(idOf(browser, "password") + "-error")).getText())
			.isEqualTo("Enter your password.");
		assertThat(activeId(browser)).isEqualTo(idOf(browser, "email"));
	}

	@Test
	void longNamesWrapOnADesktopAndOnAPhone() throws Exception {
		Account account = newAccount(gateway());
		WebDriver browser = browser();
		signIn(browser, account);
		browser.get(gateway() + "/#/security");
		String name = "x".repeat(100);
		addToken(browser, name);
		WebElement tokens = waitFor(browser, By.id("tokens"));
		patiently(browser).until(ExpectedConditions.textToBePresentInElement(tokens, name));

		for (Dimension size : List.of(new Dimension(1280, 900), new Dimension(390, 844))) {
			browser.manage().window().setSize(size);
			JavascriptExecutor page = (JavascriptExecutor) browser;
			patiently(browser).until((driver) -> ((Number) page
				.executeScript("return document.documentElement.scrollWidth - window.innerWidth")).longValue() <= 0);
			WebElement revoke = tokens.findElement(By.xpath(".//button[starts-with(@aria-label, 'Revoke')]"));
			Number right = (Number) page.executeScript("return arguments[0].getBoundingClientRect().right", revoke);
			Number width = (Number) page.executeScript("return window.innerWidth");
			assertThat(right.doubleValue()).as("Revoke on screen at %s", size).isLessThanOrEqualTo(width.doubleValue());
			Number height = (Number) page.executeScript("return arguments[0].getBoundingClientRect().height", revoke);
			assertThat(height.doubleValue()).as("a touch target").isGreaterThanOrEqualTo(44);
		}
		screenshot(tokens, "tokens-phone");
	}

	@Test
	void sectionLinksAndTheUserMenuMoveFocusWhereTheUserLooks() throws Exception {
		Account account = newAccount(gateway());
		WebDriver browser = browser();
		signIn(browser, account);
		browser.get(gateway() + "/#/security");
		waitFor(browser, By.id("tokens"));

		browser.findElement(By.cssSelector("nav.section-nav a[data-section='tokens']")).click();
		patiently(browser).until((driver) -> "tokens-title".equals(activeId(driver)));
		JavascriptExecutor page = (JavascriptExecutor) browser;
		Number headingTop = (Number) page
			.executeScript("return document.getElementById('tokens-title').getBoundingClientRect().top");
		Number headerBottom = (Number) page
			.executeScript("return document.querySelector('.topbar').getBoundingClientRect().bottom");
		assertThat(headingTop.doubleValue()).as("the heading is not under the sticky header")
			.isGreaterThanOrEqualTo(headerBottom.doubleValue());

		browser.findElement(By.id("usermenu-button")).click();
		assertThat(activeId(browser)).as("the menu takes focus").isEqualTo("menu-security");
		browser.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.END);
		assertThat(activeId(browser)).isEqualTo("menu-signout");
		browser.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.ESCAPE);
		assertThat(activeId(browser)).isEqualTo("usermenu-button");
		assertThat(browser.findElement(By.id("usermenu-list")).isDisplayed()).isFalse();
		browser.findElement(By.id("usermenu-button")).click();
		browser.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.TAB);
		browser.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.TAB);
		patiently(browser).until((driver) -> !driver.findElement(By.id("usermenu-list")).isDisplayed());
	}

	@Test
	void addingATokenAfterTheSessionEndedElsewhereShowsTheSignInPageAndNoDialog() throws Exception {
		Account account = newAccount(gateway());
		WebDriver browser = browser();
		signIn(browser, account);
		browser.get(gateway() + "/#/security");
		patiently(browser).until(ExpectedConditions.elementToBeClickable(By.id("add-token")));
		String cookie = browser.manage().getCookieNamed("warden_session").getValue();
		SharedSuite.withCookie("POST", gateway() + "/api/auth/logout", cookie, null);
		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		while (SharedSuite.withCookie("GET", gateway() + "/api/me", cookie, null).statusCode() != 401
				&& System.nanoTime() < deadline) {
			Thread.sleep(100);
		}

		browser.findElement(By.id("add-token")).click();

		patiently(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"),
				"Your session has ended. Please sign in again."));
		assertThat(browser.findElements(By.cssSelector("dialog[open]"))).isEmpty();
	}

	/**
	 * In a suite of its own, where a sign-in is recent for 20 s only: each change waits
	 * until the sign-in is older.
	 */
	@Test
	void changesWithAnOldSignInConfirmItIsYouFirstAndAskForACodeOnce() throws Exception {
		try (LocalSuite shortWindow = SharedSuite.separate(Map.of("WARDEN_IDENTITY_RECENTAUTHENTICATION", "20s"))) {
			String base = shortWindow.url(WardenService.GATEWAY);
			WebDriver browser = browser();
			browser.get(base + "/");
			fill(browser, "email", SharedSuite.ADMIN_EMAIL);
			fill(browser, "password", SharedSuite.ADMIN_PASSWORD);
			browser.findElement(By.cssSelector("form button[type=submit]")).click();
			patiently(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "Welcome"));
			browser.get(base + "/#/security");
			patiently(browser).until(ExpectedConditions.elementToBeClickable(By.id("add-token")));
			Thread.sleep(21_000);

			// Cancelled: nothing is asked and focus is back on the button.
			browser.findElement(By.id("add-token")).click();
			waitFor(browser, By.cssSelector("dialog[open]"));
			new Actions(browser).sendKeys(Keys.ESCAPE).perform();
			patiently(browser).until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("dialog[open]")));
			assertThat(activeId(browser)).isEqualTo("add-token");

			// A new token: "Confirm it is you" first, then the token's own dialog.
			browser.findElement(By.id("add-token")).click();
			WebElement confirmation = waitFor(browser, By.cssSelector("dialog[open]"));
			assertThat(confirmation.getText()).startsWith("Confirm it is you");
			assertThat(accessibilityViolations(browser)).as("Confirm it is you").isEmpty();
			screenshot(confirmation, "confirm-it-is-you");
			confirmation.findElement(By.name("password")).sendKeys(SharedSuite.ADMIN_PASSWORD);
			confirmation.findElement(By.xpath(".//button[.='Confirm']")).click();
			patiently(browser).until(
					(driver) -> driver.findElement(By.cssSelector("dialog[open]")).getText().startsWith("Add token"));
			WebElement modal = browser.findElement(By.cssSelector("dialog[open]"));
			modal.findElement(By.name("name")).sendKeys("After a while");
			modal.findElement(By.xpath(".//button[.='Create token']")).click();
			assertThat(waitForText(browser, By.id("new-token")).getText()).startsWith("wdn_");
			modal.findElement(By.xpath(".//button[.='Done']")).click();

			// Two-factor on, then new recovery codes once the sign-in is old again: the
			// code
			// is typed once, in "Confirm it is you".
			clickEnableTwoFactor(browser);
			// Still recent from the confirmation: the set-up shows at once.
			String secret = waitForText(browser, By.id("two-factor-secret")).getText();
			assertThat(browser.findElements(By.cssSelector("dialog[open]"))).isEmpty();
			assertThat(activeId(browser)).isEqualTo(idOf(browser, "code"));
			WebElement twoFactor = browser.findElement(By.id("two-factor"));
			twoFactor.findElement(By.name("code")).sendKeys(AuthenticatorApp.code(secret, 0));
			twoFactor.findElement(By.xpath(".//button[.='Turn on']")).click();
			waitFor(browser, By.cssSelector("#two-factor ul.codes"));
			twoFactor.findElement(By.xpath(".//button[.='I have saved them']")).click();
			patiently(browser).until((driver) -> "two-factor-title".equals(activeId(driver)));
			Thread.sleep(21_000);

			patiently(browser)
				.until(ExpectedConditions
					.elementToBeClickable(By.xpath("//*[@id='two-factor']//button[.='New recovery codes']")))
				.click();
			WebElement proof = waitFor(browser, By.cssSelector("dialog[open]"));
			assertThat(proof.getText()).startsWith("Confirm it is you");
			proof.findElement(By.name("password")).sendKeys(SharedSuite.ADMIN_PASSWORD);
			proof.findElement(By.name("code")).sendKeys(AuthenticatorApp.code(secret, 1));
			proof.findElement(By.xpath(".//button[.='Confirm']")).click();
			patiently(browser).until((driver) -> driver.findElement(By.cssSelector("dialog[open]"))
				.getText()
				.startsWith("New recovery codes"));
			WebElement question = browser.findElement(By.cssSelector("dialog[open]"));
			assertThat(question.findElements(By.name("code"))).as("no second code").isEmpty();
			question.findElement(By.cssSelector("button.primary")).click();
			WebElement codes = waitFor(browser, By.cssSelector("#two-factor ul.codes"));
			assertThat(codes.findElements(By.tagName("li"))).hasSize(10);
		}
	}

	@Test
	void theApiPageShowsEveryDescribedOperationUnderTheSamePolicy() throws Exception {
		HttpResponse<String> description = this.http.send(
				HttpRequest.newBuilder(URI.create(gateway() + "/api/docs/openapi.json")).build(),
				HttpResponse.BodyHandlers.ofString());
		int operations = 0;
		for (tools.jackson.databind.JsonNode path : tools.jackson.databind.json.JsonMapper.builder()
			.build()
			.readTree(description.body())
			.path("paths")) {
			operations += path.size();
		}
		WebDriver browser = browser();

		browser.get(gateway() + "/api/docs");
		int expected = operations;
		patiently(browser).until((driver) -> driver.findElements(By.cssSelector(".opblock")).size() == expected);

		assertThat(browser.findElement(By.cssSelector(".info .title")).getText()).startsWith("Warden");
		assertThat(browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll())
			.as("nothing the page loads is refused or fails")
			.extracting(org.openqa.selenium.logging.LogEntry::getMessage)
			.noneMatch((message) -> message.contains("Content Security Policy") || message.contains("Failed to load"));
		Files.copy(browser.findElement(By.id("swagger-ui")).getScreenshotAs(OutputType.FILE).toPath(),
				SCREENSHOTS.resolve("api-docs.png"), StandardCopyOption.REPLACE_EXISTING);
	}

	// ------------------------------------------------------------------ helpers

	private void signIn(WebDriver browser, Account account) throws Exception {
		browser.get(gateway() + "/");
		screenshot(waitFor(browser, By.cssSelector("section.login")), "login");
		fill(browser, "email", account.email());
		fill(browser, "password", account.password());
		browser.findElement(By.cssSelector("form button[type=submit]")).click();
		patiently(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "Welcome"));
		assertThat(browser.findElement(By.id("usermenu-name")).getText()).isEqualTo("Quinn Tester");
	}

	private static void clickEnableTwoFactor(WebDriver browser) {
		// The section loads on its own after the page: wait for its button.
		patiently(browser)
			.until(ExpectedConditions
				.elementToBeClickable(By.xpath("//*[@id='two-factor']//button[contains(., 'Enable')]")))
			.click();
	}

	/**
	 * Adds a token named {@code name} through its dialog; returns the value shown once.
	 */
	private static String addToken(WebDriver browser, String name) throws Exception {
		return addToken(browser, name, () -> {
		}, () -> {
		});
	}

	/**
	 * The same, checking the dialog with {@code whenOpen} and the shown token with
	 * {@code whenShown}.
	 */
	private static String addToken(WebDriver browser, String name, Check whenOpen, Check whenShown) throws Exception {
		patiently(browser).until(ExpectedConditions.elementToBeClickable(By.id("add-token"))).click();
		WebElement modal = waitFor(browser, By.cssSelector("dialog[open]"));
		whenOpen.run();
		modal.findElement(By.name("name")).sendKeys(name);
		modal.findElement(By.xpath(".//button[.='Create token']")).click();
		String token = waitForText(browser, By.id("new-token")).getText();
		whenShown.run();
		modal.findElement(By.xpath(".//button[.='Done']")).click();
		return token;
	}

	@FunctionalInterface
	private interface Check {

		void run() throws Exception;

	}

	private int callWithToken(String token) throws Exception {
		return this.http
			.send(HttpRequest.newBuilder(URI.create(gateway() + "/api/me"))
				.header("Authorization", "Bearer " + token)
				.build(), HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

}
