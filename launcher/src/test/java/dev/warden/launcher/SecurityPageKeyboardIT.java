package dev.warden.launcher;

import static dev.warden.launcher.BrowserTesting.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.warden.launcher.BrowserTesting.Account;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The Security page's main flows with the keyboard alone, in a phone-sized window: every
 * control is reached with Tab, used with Enter, Escape and the arrow keys, and each step
 * says where focus must land. After each change the page is checked for horizontal
 * scrolling.
 */
class SecurityPageKeyboardIT extends BrowserTest {

	private static final Dimension PHONE = new Dimension(390, 844);

	/** More than the page has controls: a control Tab never reaches fails the test. */
	private static final int MOST_TABS = 120;

	@Test
	void signsInOpensSecurityFromTheMenuAndChangesThePassword() throws Exception {
		Account account = newAccount(gateway());
		WebDriver browser = phone();
		browser.get(gateway() + "/");
		waitFor(browser, By.cssSelector("section.login"));
		assertThat(activeName(browser)).as("the sign-in page starts in the e-mail field").isEqualTo("email");
		keys(browser, account.email(), Keys.TAB, account.password(), Keys.ENTER);
		patiently(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "Welcome"));

		tabTo(browser, "#usermenu-button");
		keys(browser, Keys.ENTER);
		assertThat(activeId(browser)).as("the menu takes focus").isEqualTo("menu-security");
		keys(browser, Keys.ENTER);
		waitFor(browser, By.id("password"));
		patiently(browser).until((driver) -> "main".equals(activeId(driver)));

		tabTo(browser, "input[name=currentPassword]");
		String fresh = "violet " + java.util.UUID.randomUUID() + " orchard";
		keys(browser, account.password(), Keys.TAB, fresh, Keys.TAB, fresh, Keys.ENTER);
		patiently(browser)
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("toast"), "password was changed"));
		patiently(browser).until((driver) -> "password-title".equals(activeId(driver)));
		assertNoHorizontalScroll(browser);
		assertThat(login(gateway(), account.email(), fresh).statusCode()).isEqualTo(200);
	}

	@Test
	void addsATokenWithALongNameRevokesItAndFiltersTheLogToTokens() throws Exception {
		WebDriver browser = signedInOnTheSecurityPage(newAccount(gateway()));
		patiently(browser).until(ExpectedConditions.elementToBeClickable(By.id("add-token")));
		String name = "y".repeat(100);

		tabTo(browser, "#add-token");
		keys(browser, Keys.ENTER);
		waitFor(browser, By.cssSelector("dialog[open]"));
		assertThat(activeName(browser)).as("the dialog starts in its first field").isEqualTo("name");
		assertNoHorizontalScroll(browser);
		keys(browser, name, Keys.ENTER);
		waitForText(browser, By.id("new-token"));
		assertThat(activeText(browser)).isEqualTo("Copy token");
		assertNoHorizontalScroll(browser);
		tabTo(browser, "dialog[open] button.primary");
		keys(browser, Keys.ENTER);
		patiently(browser).until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("dialog[open]")));
		patiently(browser).until((driver) -> "tokens-title".equals(activeId(driver)));
		WebElement tokens = browser.findElement(By.id("tokens"));
		patiently(browser).until(ExpectedConditions.textToBePresentInElement(tokens, name));
		assertNoHorizontalScroll(browser);

		tabTo(browser, "#tokens button[aria-label^='Revoke']");
		keys(browser, Keys.ENTER);
		waitFor(browser, By.cssSelector("dialog[open]"));
		assertThat(activeText(browser)).as("a destructive question starts on Cancel").isEqualTo("Cancel");
		keys(browser, Keys.ENTER);
		patiently(browser).until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("dialog[open]")));
		assertThat(activeLabel(browser)).as("cancelled: back on Revoke").startsWith("Revoke");
		keys(browser, Keys.ENTER);
		waitFor(browser, By.cssSelector("dialog[open]"));
		shiftTab(browser);
		assertThat(activeText(browser)).isEqualTo("Revoke token");
		keys(browser, Keys.ENTER);
		patiently(browser).until(ExpectedConditions.textToBePresentInElement(tokens, "revoked"));
		patiently(browser).until((driver) -> "tokens-title".equals(activeId(driver)));

		// The log, narrowed with the arrow keys: All entries, Sign-ins, Password,
		// Two-factor, Sessions, API tokens.
		tabTo(browser, "#log select[name=kind]");
		for (int i = 0; i < 5; i++) {
			keys(browser, Keys.ARROW_DOWN);
		}
		assertThat(browser.findElement(By.cssSelector("#log select[name=kind]")).getAttribute("value"))
			.isEqualTo("tokens");
		patiently(browser).until((driver) -> {
			List<String> rows = driver.findElements(By.cssSelector("#log tbody tr"))
				.stream()
				.map(WebElement::getText)
				.toList();
			return rows.size() == 2 && rows.stream().allMatch((row) -> row.contains("API token"));
		});
		assertThat(browser.findElement(By.cssSelector("#log a[download]")).getAttribute("href"))
			.endsWith("/api/security/log/export?kind=tokens");
		assertNoHorizontalScroll(browser);
	}

	@Test
	void turnsTwoFactorOnAfterAWrongCodeEndsOtherSessionsAndTurnsItOff() throws Exception {
		Account account = newAccount(gateway());
		WebDriver browser = signedInOnTheSecurityPage(account);
		patiently(browser).until(ExpectedConditions
			.elementToBeClickable(By.xpath("//*[@id='two-factor']//button[contains(., 'Enable')]")));

		tabTo(browser, "#two-factor button");
		keys(browser, Keys.ENTER);
		String secret = waitForText(browser, By.id("two-factor-secret")).getText().replace(" ", "");
		assertThat(activeName(browser)).isEqualTo("code");
		JavascriptExecutor page = (JavascriptExecutor) browser;
		assertThat(((Number) page.executeScript("return document.querySelector('#two-factor img.qr')"
				+ ".getBoundingClientRect().top - document.querySelector('#two-factor input[name=code]')"
				+ ".getBoundingClientRect().top"))
			.doubleValue()).as("on a phone the QR code comes first").isNegative();
		assertNoHorizontalScroll(browser);

		keys(browser, wrongCode(secret), Keys.ENTER);
		waitForText(browser, By.id(idOf(browser, "code") + "-error"));
		assertThat(activeName(browser)).as("a wrong code leaves focus in the field").isEqualTo("code");
		// The wrong code is selected: typing replaces it.
		keys(browser, AuthenticatorApp.code(secret, 0), Keys.ENTER);
		waitFor(browser, By.cssSelector("#two-factor ul.codes"));
		assertThat(activeText(browser)).isEqualTo("I have saved them");
		keys(browser, Keys.ENTER);
		patiently(browser).until((driver) -> "two-factor-title".equals(activeId(driver)));
		assertNoHorizontalScroll(browser);

		tabTo(browser, "#two-factor .notice button");
		keys(browser, Keys.ENTER);
		patiently(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("toast"), "ended"));
		patiently(browser).until((driver) -> "two-factor-title".equals(activeId(driver)));

		tabTo(browser, "#two-factor button.danger");
		keys(browser, Keys.ENTER);
		waitFor(browser, By.cssSelector("dialog[open]"));
		assertThat(activeName(browser)).isEqualTo("password");
		keys(browser, account.password(), Keys.TAB, AuthenticatorApp.code(secret, 1), Keys.ENTER);
		patiently(browser).until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("dialog[open]")));
		patiently(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("two-factor"), "Off"));
		patiently(browser).until((driver) -> "two-factor-title".equals(activeId(driver)));
		assertNoHorizontalScroll(browser);
	}

	@Test
	void endsOneSessionAfterCancellingOnceThenAllTheOthers() throws Exception {
		Account account = newAccount(gateway());
		login(gateway(), account.email(), account.password());
		WebDriver browser = signedInOnTheSecurityPage(account);
		patiently(browser).until((driver) -> driver.findElements(By.cssSelector("#sessions tbody tr")).size() == 2);
		assertNoHorizontalScroll(browser);

		tabTo(browser, "#sessions tbody button");
		keys(browser, Keys.ENTER);
		waitFor(browser, By.cssSelector("dialog[open]"));
		assertThat(activeText(browser)).isEqualTo("Cancel");
		keys(browser, Keys.ESCAPE);
		patiently(browser).until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("dialog[open]")));
		assertThat(activeText(browser)).as("cancelled: back on End").isEqualTo("End");
		keys(browser, Keys.ENTER);
		waitFor(browser, By.cssSelector("dialog[open]"));
		shiftTab(browser);
		assertThat(activeText(browser)).isEqualTo("End session");
		keys(browser, Keys.ENTER);
		patiently(browser).until((driver) -> driver.findElements(By.cssSelector("#sessions tbody tr")).size() == 1);
		patiently(browser).until((driver) -> "sessions-title".equals(activeId(driver)));

		login(gateway(), account.email(), account.password());
		login(gateway(), account.email(), account.password());
		browser.navigate().refresh();
		patiently(browser).until((driver) -> driver.findElements(By.cssSelector("#sessions tbody tr")).size() == 3);
		tabTo(browser, "#sessions .actions button.danger");
		keys(browser, Keys.ENTER);
		waitFor(browser, By.cssSelector("dialog[open]"));
		shiftTab(browser);
		keys(browser, Keys.ENTER);
		patiently(browser)
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("toast"), "2 sessions were ended"));
		patiently(browser).until((driver) -> driver.findElements(By.cssSelector("#sessions tbody tr")).size() == 1);
		patiently(browser).until((driver) -> "sessions-title".equals(activeId(driver)));
		assertNoHorizontalScroll(browser);
	}

	// ------------------------------------------------------------------ helpers

	private WebDriver phone() {
		WebDriver browser = browser();
		browser.manage().window().setSize(PHONE);
		return browser;
	}

	/** Signed in with the keyboard; the Security page opened by its address. */
	private WebDriver signedInOnTheSecurityPage(Account account) throws Exception {
		WebDriver browser = phone();
		browser.get(gateway() + "/");
		waitFor(browser, By.cssSelector("section.login"));
		keys(browser, account.email(), Keys.TAB, account.password(), Keys.ENTER);
		patiently(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "Welcome"));
		browser.get(gateway() + "/#/security");
		waitFor(browser, By.id("log"));
		return browser;
	}

	/** Types into whatever has focus, as a keyboard does. */
	private static void keys(WebDriver browser, CharSequence... keys) {
		new Actions(browser).sendKeys(keys).perform();
	}

	/** Shift+Tab: back to the control before. */
	private static void shiftTab(WebDriver browser) {
		new Actions(browser).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
	}

	/**
	 * Presses Tab until focus is on what {@code selector} matches; fails if it never gets
	 * there.
	 */
	private static void tabTo(WebDriver browser, String selector) {
		JavascriptExecutor page = (JavascriptExecutor) browser;
		List<String> passed = new ArrayList<>();
		for (int i = 0; i <= MOST_TABS; i++) {
			Object there = page
				.executeScript("const a = document.activeElement;" + "return a && a.matches(arguments[0]) ? null"
						+ " : (a ? a.tagName + '#' + a.id + '[' + (a.getAttribute('aria-label') || a.textContent || '')"
						+ ".trim().slice(0, 30) + ']' : 'nothing');", selector);
			if (there == null) {
				return;
			}
			passed.add(there.toString());
			keys(browser, Keys.TAB);
		}
		fail("Tab never reached %s; it passed %s", selector, passed);
	}

	private static void assertNoHorizontalScroll(WebDriver browser) {
		JavascriptExecutor page = (JavascriptExecutor) browser;
		assertThat(((Number) page.executeScript("return document.documentElement.scrollWidth - window.innerWidth"))
			.longValue()).as("the page scrolls sideways").isLessThanOrEqualTo(0);
	}

	private static String activeText(WebDriver browser) {
		return activeProperty(browser, "a.textContent.trim()");
	}

	private static String activeLabel(WebDriver browser) {
		return activeProperty(browser, "a.getAttribute('aria-label')");
	}

	/**
	 * A six-digit code the authenticator shows in none of the steps a server accepts now.
	 */
	private static String wrongCode(String secret) throws Exception {
		Set<String> near = Set.of(AuthenticatorApp.code(secret, -1), AuthenticatorApp.code(secret, 0),
				AuthenticatorApp.code(secret, 1));
		for (int candidate = 0;; candidate++) {
			String code = String.format("%06d", candidate);
			if (!near.contains(code)) {
				return code;
			}
		}
	}

}
