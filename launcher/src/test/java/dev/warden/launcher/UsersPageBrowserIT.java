package dev.warden.launcher;

import static dev.warden.launcher.BrowserTesting.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.warden.launcher.BrowserTesting.Account;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The administrators' Users page in Chromium against the whole suite: each action's
 * effect is checked where it matters, at the gateway, in the user's security log and in
 * their mailbox.
 */
class UsersPageBrowserIT extends BrowserTest {

	private final HttpClient http = TestHttp.client();

	@Test
	void anAdministratorDisablesAUserWhoseSessionAndTokenStopAtOnceThenEnablesThem() throws Exception {
		Account account = newAccount(gateway());
		String session = SharedSuite.sessionCookie(login(gateway(), account.email(), account.password()));
		String token = createToken(session);
		assertThat(callWithToken(token)).isEqualTo(200);
		WebDriver browser = administrator();

		WebElement user = openUser(browser, account.email());
		// Counted and listed by session-service and token-service.
		assertThat(fact(user, "Sessions")).isEqualTo("1");
		assertThat(fact(user, "API tokens")).isEqualTo("1 working");
		assertThat(user.findElements(By.cssSelector("table")).get(1).getText()).contains("tool").contains("active");
		assertThat(accessibilityViolations(browser)).as("the Users page with a user open").isEmpty();
		screenshot(user, "users-detail");
		clickAction(browser, "Disable");
		WebElement question = waitFor(browser, By.cssSelector("dialog[open]"));
		assertThat(activeProperty(browser, "a.textContent.trim()")).as("a destructive question starts on Cancel")
			.isEqualTo("Cancel");
		assertThat(accessibilityViolations(browser)).as("the question").isEmpty();
		question.findElement(By.cssSelector("button.primary")).click();
		patiently(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("toast"), "disabled"));

		awaitStatus(() -> SharedSuite.withCookie("GET", gateway() + "/api/me", session, null).statusCode(), 401);
		awaitStatus(() -> callWithToken(token), 401);
		assertThat(login(gateway(), account.email(), account.password()).statusCode()).isEqualTo(401);
		assertThat(SharedSuite.awaitMailText(account.email(), "Your account was disabled"))
			.contains("disabled your account");
		WebElement shown = patiently(browser).until((driver) -> {
			WebElement section = driver.findElement(By.id("user"));
			return section.getText().contains("Account disabled by an administrator") ? section : null;
		});
		assertThat(shown.getText()).contains("Disabled");

		clickAction(browser, "Enable");
		waitFor(browser, By.cssSelector("dialog[open]")).findElement(By.cssSelector("button.primary")).click();
		patiently(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("toast"), "enabled"));
		assertThat(login(gateway(), account.email(), account.password()).statusCode()).isEqualTo(200);
		awaitStatus(() -> callWithToken(token), 200);

		clickAction(browser, "Revoke all API tokens");
		waitFor(browser, By.cssSelector("dialog[open]")).findElement(By.cssSelector("button.primary")).click();
		patiently(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("toast"), "1 token was"));
		awaitStatus(() -> callWithToken(token), 401);

		clickAction(browser, "Make administrator");
		waitFor(browser, By.cssSelector("dialog[open]")).findElement(By.cssSelector("button.primary")).click();
		patiently(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("user"), "USER, ADMIN"));
		assertThat(SharedSuite.awaitMailText(account.email(), "Your roles changed")).contains("USER, ADMIN");
	}

	@Test
	void anAdministratorRemovesTwoFactorAndEndsEverySessionOfAUserWhoLostTheirPhone() throws Exception {
		Account account = newAccount(gateway());
		String session = SharedSuite.sessionCookie(login(gateway(), account.email(), account.password()));
		String secret = SharedSuite.withCookie("POST", gateway() + "/api/security/two-factor/setup", session, null)
			.body()
			.replaceAll(".*\"secret\":\"([^\"]+)\".*", "$1");
		assertThat(SharedSuite
			.withCookie("POST", gateway() + "/api/security/two-factor/confirm", session,
					"{\"code\":\"" + AuthenticatorApp.code(secret, 0) + "\"}")
			.statusCode()).isEqualTo(200);
		String stillSignedIn = secondStep(account, secret);
		WebDriver browser = administrator();

		openUser(browser, account.email());
		clickAction(browser, "Remove two-factor");
		waitFor(browser, By.cssSelector("dialog[open]")).findElement(By.cssSelector("button.primary")).click();
		patiently(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("toast"), "removed"));
		assertThat(login(gateway(), account.email(), account.password()).body()).contains("AUTHENTICATED");

		clickAction(browser, "End all sessions");
		waitFor(browser, By.cssSelector("dialog[open]")).findElement(By.cssSelector("button.primary")).click();
		patiently(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("toast"), "ended"));
		awaitStatus(() -> SharedSuite.withCookie("GET", gateway() + "/api/me", stillSignedIn, null).statusCode(), 401);
		assertThat(SharedSuite.awaitMailText(account.email(), "Your two-factor authentication was removed"))
			.contains("authenticator app");
	}

	/** The bootstrap administrator, signed in, on the Users page from the user menu. */
	private WebDriver administrator() throws Exception {
		WebDriver browser = browser();
		browser.get(gateway() + "/");
		fill(browser, "email", SharedSuite.ADMIN_EMAIL);
		fill(browser, "password", SharedSuite.ADMIN_PASSWORD);
		browser.findElement(By.cssSelector("form button[type=submit]")).click();
		patiently(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "Welcome"));
		browser.findElement(By.id("usermenu-button")).click();
		browser.findElement(By.id("menu-users")).click();
		waitFor(browser, By.id("users"));
		return browser;
	}

	private static WebElement openUser(WebDriver browser, String email) {
		fill(browser, "email", email);
		browser.findElement(By.cssSelector("#users form button[type=submit]")).click();
		// The list may still be drawn again by the first load: click whichever button is
		// there.
		patiently(browser).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
			.ignoring(org.openqa.selenium.NoSuchElementException.class)
			.until((driver) -> {
				driver.findElement(By.xpath("//*[@id='users']//tbody//button[.='" + email + "']")).click();
				return true;
			});
		WebElement user = waitFor(browser, By.id("user"));
		patiently(browser).until((driver) -> "user-title".equals(activeProperty(driver, "a.id")));
		return user;
	}

	private static void clickAction(WebDriver browser, String label) {
		patiently(browser)
			.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[@id='user']//button[.='" + label + "']")))
			.click();
	}

	private String secondStep(Account account, String secret) throws Exception {
		String mfaToken = login(gateway(), account.email(), account.password()).body()
			.replaceAll(".*\"mfaToken\":\"([^\"]+)\".*", "$1");
		return this.http
			.send(HttpRequest.newBuilder(URI.create(gateway() + "/api/auth/login/mfa"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(
						"{\"mfaToken\":\"" + mfaToken + "\",\"code\":\"" + AuthenticatorApp.code(secret, 1) + "\"}"))
				.build(), HttpResponse.BodyHandlers.ofString())
			.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((value) -> value.startsWith("warden_session="))
			.findFirst()
			.map((header) -> header.substring("warden_session=".length(), header.indexOf(';')))
			.orElseThrow();
	}

	/** What the user's detail says for {@code term}. */
	private static String fact(WebElement user, String term) {
		return user.findElement(By.xpath(".//dl[@class='facts']/dt[.='" + term + "']/following-sibling::dd[1]"))
			.getText();
	}

	private String createToken(String session) throws Exception {
		HttpResponse<String> created = SharedSuite.withCookie("POST", gateway() + "/api/security/tokens", session,
				"{\"name\":\"tool\",\"validityMonths\":1,\"role\":\"USER\"}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return created.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
	}

	private int callWithToken(String token) throws Exception {
		return this.http
			.send(HttpRequest.newBuilder(URI.create(gateway() + "/api/me"))
				.header("Authorization", "Bearer " + token)
				.build(), HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

	private static void awaitStatus(Status status, int expected) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		int seen = status.get();
		while (seen != expected && System.nanoTime() < deadline) {
			Thread.sleep(100);
			seen = status.get();
		}
		assertThat(seen).isEqualTo(expected);
	}

	@FunctionalInterface
	private interface Status {

		int get() throws Exception;

	}

}
