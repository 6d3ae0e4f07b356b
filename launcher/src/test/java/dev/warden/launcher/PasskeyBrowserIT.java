package dev.warden.launcher;

import static dev.warden.launcher.BrowserTesting.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;

import dev.warden.launcher.BrowserTesting.Account;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * Passkeys in Chromium against the whole suite, with Chromium's virtual authenticator
 * (CTAP2, built in, user verification on): added on the Security page, used alone to sign
 * in and as the second step after the password, seen with its method in the session list
 * and the security log, and refused at once once removed.
 */
class PasskeyBrowserIT extends BrowserTest {

	@Test
	void aUserAddsAPasskeySignsInWithItAloneAndAfterThePasswordThenRemovesIt() throws Exception {
		Account account = newAccount(gateway());
		WebDriver browser = browser();
		VirtualAuthenticator authenticator = ((HasVirtualAuthenticator) browser).addVirtualAuthenticator(
				new VirtualAuthenticatorOptions().setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
					.setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
					.setHasResidentKey(true)
					.setHasUserVerification(true)
					.setIsUserVerified(true)
					.setIsUserConsenting(true));
		signInWithPassword(browser, account);
		browser.get(gateway() + "/#/security");

		patiently(browser).until(ExpectedConditions.elementToBeClickable(By.id("add-passkey"))).click();
		fill(browser, "passkeyName", "Laptop fingerprint");
		confirm(browser);
		patiently(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("toast"), "was added"));
		WebElement listed = patiently(browser)
			.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#passkey-list li.passkey")));
		assertThat(listed.getText()).contains("Laptop fingerprint").contains("Built into a device");
		assertThat(authenticator.getCredentials()).hasSize(1);
		assertThat(accessibilityViolations(browser)).as("the Security page with a passkey").isEmpty();

		signOut(browser);
		browser.findElement(By.id("passkey-sign-in")).click();
		patiently(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "Welcome"));
		browser.get(gateway() + "/#/security");
		WebElement current = patiently(browser).until(ExpectedConditions
			.presenceOfElementLocated(By.xpath("//*[@id='sessions']//tr[.//span[.='This device']]")));
		assertThat(current.getText()).as("the session list says how it signed in").contains("with passkey");
		assertThat(awaitLog(browser, "Signed in with a passkey")).isTrue();

		signOut(browser);
		fill(browser, "email", account.email());
		fill(browser, "password", account.password());
		browser.findElement(By.cssSelector("form button[type=submit]")).click();
		patiently(browser).until(ExpectedConditions.elementToBeClickable(By.id("passkey-second-step"))).click();
		patiently(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "Welcome"));
		assertThat(awaitLog(browser, "Signed in with the password and a passkey")).isTrue();

		browser.get(gateway() + "/#/security");
		WebElement remove = patiently(browser)
			.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[@id='passkey-list']//button[.='Remove']")));
		remove.click();
		waitFor(browser, By.cssSelector("dialog[open]")).findElement(By.cssSelector("button.primary")).click();
		patiently(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("toast"), "was removed"));
		assertThat(SharedSuite.awaitMailText(account.email(), "A passkey was removed from your account"))
			.contains("Laptop fingerprint");

		signOut(browser);
		browser.findElement(By.id("passkey-sign-in")).click();
		patiently(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "not registered"));
		assertThat(browser.findElements(By.id("usermenu-button")).stream().noneMatch(WebElement::isDisplayed)).isTrue();
		HttpResponse<String> password = login(gateway(), account.email(), account.password());
		assertThat(password.body()).as("no second step is left").contains("AUTHENTICATED");
	}

	private void signInWithPassword(WebDriver browser, Account account) {
		browser.get(gateway() + "/");
		fill(browser, "email", account.email());
		fill(browser, "password", account.password());
		browser.findElement(By.cssSelector("form button[type=submit]")).click();
		patiently(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "Welcome"));
	}

	private static void signOut(WebDriver browser) {
		browser.findElement(By.id("usermenu-button")).click();
		browser.findElement(By.id("menu-signout")).click();
		waitFor(browser, By.id("login-title"));
	}

	/**
	 * Whether the signed-in user's own security log, read by the page's session, shows
	 * {@code summary} within a while.
	 */
	private static boolean awaitLog(WebDriver browser, String summary) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (System.nanoTime() < deadline) {
			Object log = ((org.openqa.selenium.JavascriptExecutor) browser)
				.executeAsyncScript("const done = arguments[arguments.length - 1];"
						+ "fetch('/api/security/log?kind=sign-in').then((r) => r.text()).then(done, () => done(''));");
			if (String.valueOf(log).contains(summary)) {
				return true;
			}
			Thread.sleep(250);
		}
		return false;
	}

}
