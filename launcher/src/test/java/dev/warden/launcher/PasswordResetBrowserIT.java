package dev.warden.launcher;

import static dev.warden.launcher.BrowserTesting.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.warden.launcher.BrowserTesting.Account;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * "Forgot password?" in Chromium against the whole suite, with the real mail: the code
 * typed from it, or its link opened; two-factor still asked for; every session the
 * account had ends.
 */
class PasswordResetBrowserIT extends BrowserTest {

	private static final String SUBJECT = "Your password reset code";

	private static final Pattern CODE = Pattern.compile("(?m)^\\s+([A-Z2-7]{4}(?:-[A-Z2-7]{4}){5})\\s*$");

	private static final Pattern LINK = Pattern.compile("(http\\S+/#/reset-password\\?code=\\S+)");

	@Test
	void aForgottenPasswordIsResetWithTheCodeFromTheMailAndEverySessionEnds() throws Exception {
		Account account = newAccount(gateway());
		String elsewhere = SharedSuite.sessionCookie(login(gateway(), account.email(), account.password()));
		WebDriver browser = browser();
		browser.get(gateway() + "/");

		patiently(browser).until(ExpectedConditions.elementToBeClickable(By.id("forgot-password"))).click();
		waitFor(browser, By.id("forgot-title"));
		assertThat(accessibilityViolations(browser)).as("Forgot password").isEmpty();
		fill(browser, "email", account.email());
		browser.findElement(By.cssSelector("form button[type=submit]")).click();
		waitFor(browser, By.id("reset-title"));
		assertThat(browser.findElement(By.id("main")).getText()).contains("If an account uses this address");
		assertThat(activeName(browser)).isEqualTo("code");

		String mail = SharedSuite.awaitMailText(account.email(), SUBJECT);
		Matcher code = CODE.matcher(mail);
		assertThat(code.find()).as(mail).isTrue();
		fill(browser, "code", code.group(1));
		String fresh = "willow " + RandomSecrets.generate(12) + " harbour";
		fill(browser, "newPassword", fresh);
		fill(browser, "confirmPassword", fresh);
		assertThat(accessibilityViolations(browser)).as("Set a new password").isEmpty();
		browser.findElement(By.cssSelector("form button[type=submit]")).click();

		waitFor(browser, By.id("login-title"));
		patiently(browser)
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "Your password was reset"));
		assertThat(login(gateway(), account.email(), fresh).statusCode()).isEqualTo(200);
		assertThat(login(gateway(), account.email(), account.password()).statusCode()).isEqualTo(401);
		awaitSignedOut(elsewhere);
		assertThat(SharedSuite.awaitMailText(account.email(), "Your password was reset")).contains("signed out");
	}

	@Test
	void theMailsLinkOpensTheFormAndAnAccountWithTwoFactorGivesItsCodeToo() throws Exception {
		Account account = newAccount(gateway());
		WebDriver browser = browser();
		String secret = turnOnTwoFactor(browser, account);
		// The session ends under the Security page (its cookie is gone): late answers of
		// that page must not cover the reset.
		browser.manage().deleteAllCookies();
		browser.get(gateway() + "/#/forgot-password");
		fill(browser, "email", account.email());
		browser.findElement(By.cssSelector("form button[type=submit]")).click();
		waitFor(browser, By.id("reset-title"));

		Matcher link = LINK.matcher(SharedSuite.awaitMailText(account.email(), SUBJECT));
		assertThat(link.find()).isTrue();
		assertThat(link.group(1)).startsWith(gateway() + "/#/reset-password?code=");
		browser.get(link.group(1));
		waitFor(browser, By.id("reset-title"));
		assertThat(browser.findElement(By.name("code")).getAttribute("value")).isNotBlank();
		assertThat(activeName(browser)).as("the code is there: on to the new password").isEqualTo("newPassword");
		String fresh = "willow " + RandomSecrets.generate(12) + " harbour";
		fill(browser, "newPassword", fresh);
		fill(browser, "confirmPassword", fresh);
		browser.findElement(By.cssSelector("form button[type=submit]")).click();

		// The account has two-factor on: its code is asked for before anything changes.
		waitForText(browser, By.id(idOf(browser, "secondFactor") + "-error"));
		assertThat(login(gateway(), account.email(), account.password()).statusCode()).isEqualTo(200);
		fill(browser, "secondFactor", AuthenticatorApp.code(secret, 1));
		browser.findElement(By.cssSelector("form button[type=submit]")).click();
		patiently(browser)
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "Your password was reset"));
		assertThat(browser.getCurrentUrl()).as("the spent code left the address bar").doesNotContain("code=");
		assertThat(login(gateway(), account.email(), fresh).body()).contains("MFA_REQUIRED");
	}

	/** Signs in and turns two-factor on from the Security page; returns the key. */
	private String turnOnTwoFactor(WebDriver browser, Account account) throws Exception {
		browser.get(gateway() + "/");
		fill(browser, "email", account.email());
		fill(browser, "password", account.password());
		browser.findElement(By.cssSelector("form button[type=submit]")).click();
		patiently(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "Welcome"));
		browser.get(gateway() + "/#/security");
		patiently(browser)
			.until(ExpectedConditions
				.elementToBeClickable(By.xpath("//*[@id='two-factor']//button[contains(., 'Enable')]")))
			.click();
		String secret = waitForText(browser, By.id("two-factor-secret")).getText().replace(" ", "");
		browser.findElement(By.cssSelector("#two-factor input[name=code]")).sendKeys(AuthenticatorApp.code(secret, 0));
		browser.findElement(By.xpath("//*[@id='two-factor']//button[.='Turn on']")).click();
		waitFor(browser, By.cssSelector("#two-factor ul.codes"));
		return secret;
	}

	private static void awaitSignedOut(String cookie) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		int status = SharedSuite.withCookie("GET", gateway() + "/api/me", cookie, null).statusCode();
		while (status != 401 && System.nanoTime() < deadline) {
			Thread.sleep(100);
			status = SharedSuite.withCookie("GET", gateway() + "/api/me", cookie, null).statusCode();
		}
		assertThat(status).as("the session the account had elsewhere").isEqualTo(401);
	}

}
