package dev.warden.notification.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every template renders, escapes what it shows, and can be overridden from a directory
 * (or fails at start).
 */
class MailRendererTest {

	private static final Instant WHEN = Instant.parse("2026-11-26T10:15:00Z");

	@Test
	void everyTemplateRendersBothPartsWithItsSampleData() {
		MailRenderer renderer = new MailRenderer(new TemplateProperties(null, null));

		for (MailTemplate template : MailTemplates.ALL) {
			RenderedMail mail = renderer.render(template, Locale.ENGLISH, "Ada", WHEN, template.sample());
			assertThat(mail.subject()).as(template.name()).isNotBlank().doesNotContain(template.name());
			assertThat(mail.html()).as(template.name()).contains("<p>Hello Ada,</p>");
			assertThat(mail.text()).as(template.name()).startsWith("Hello Ada,");
		}
	}

	@Test
	void thePasswordChangeMailHasTheContractSubjectAndSaysWhatToDoIfItWasNotYou() {
		MailRenderer renderer = new MailRenderer(new TemplateProperties(null, null));
		MailTemplate template = MailTemplates.named("password-changed").orElseThrow();

		RenderedMail mail = renderer.render(template, Locale.ENGLISH, "Ada", WHEN,
				Map.of("email", "ada@example.test", "ip", "203.0.113.7", "userAgent", "<script>x</script>"));

		assertThat(mail.subject()).isEqualTo("Users - Your system password has been changed");
		assertThat(mail.text()).contains("26 November 2026 at 10:15 UTC")
			.contains("203.0.113.7")
			.contains("If it was not you, reset your password");
		assertThat(mail.html()).doesNotContain("<script>").contains("&lt;script&gt;");
	}

	@Test
	void anOperatorsFileReplacesTheBuiltInTemplate(@TempDir Path directory) throws Exception {
		Files.writeString(directory.resolve("token-expired.txt"), "Custom: [[${data['name']}]] is gone.");
		Files.writeString(directory.resolve("subjects.properties"), "token-expired=Token gone\n");
		MailRenderer renderer = new MailRenderer(new TemplateProperties(directory.toString(), null));

		RenderedMail mail = renderer.render(MailTemplates.named("token-expired").orElseThrow(), Locale.ENGLISH, "Ada",
				WHEN, Map.of("name", "ci"));

		assertThat(mail.text()).isEqualTo("Custom: ci is gone.");
		assertThat(mail.subject()).isEqualTo("Token gone");
		assertThat(mail.html()).contains("expired on").as("the HTML part still comes from the jar");
	}

	@Test
	void aBrokenOverrideStopsTheStartNotTheFirstMail(@TempDir Path directory) throws Exception {
		Files.writeString(directory.resolve("password-changed.html"), "<p th:text=\"${data['ip'].nope(}\">x</p>");

		assertThatThrownBy(() -> new MailRenderer(new TemplateProperties(directory.toString(), null)))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("password-changed");
	}

	@Test
	void writesInTheRecipientsLanguageAndFallsBackToEnglish() {
		MailRenderer renderer = new MailRenderer(new TemplateProperties(null, null));
		MailTemplate template = MailTemplates.named("password-changed").orElseThrow();
		Map<String, Object> data = Map.of("email", "ada@example.test", "ip", "203.0.113.7");

		RenderedMail german = renderer.render(template, Locale.forLanguageTag("de-AT"), "Ada", WHEN, data);
		RenderedMail unknown = renderer.render(template, Locale.forLanguageTag("fi"), "Ada", WHEN, data);

		assertThat(renderer.languages()).containsExactly("en", "de");
		assertThat(german.subject()).isEqualTo("Benutzer - Ihr Systempasswort wurde geändert");
		assertThat(german.text()).startsWith("Hallo Ada,").contains("26. November 2026").contains("203.0.113.7");
		assertThat(german.html()).contains("lang=\"de\"").contains("<p>Hallo Ada,</p>");
		assertThat(unknown.subject()).isEqualTo("Users - Your system password has been changed");
		assertThat(unknown.text()).startsWith("Hello Ada,");
	}

	@Test
	void everyTemplateHasAGermanVersion() {
		MailRenderer renderer = new MailRenderer(new TemplateProperties(null, null));

		for (MailTemplate template : MailTemplates.ALL) {
			RenderedMail mail = renderer.render(template, Locale.GERMAN, "Ada", WHEN, template.sample());
			assertThat(mail.text()).as(template.name()).startsWith("Hallo Ada,");
			assertThat(mail.html()).as(template.name()).contains("<p>Hallo Ada,</p>");
			assertThat(mail.subject()).as(template.name())
				.isNotEqualTo(renderer.render(template, Locale.ENGLISH, "Ada", WHEN, template.sample()).subject());
		}
	}

	@Test
	void anOperatorAddsALanguageWithADirectory(@TempDir Path directory) throws Exception {
		Files.createDirectories(directory.resolve("fr"));
		Files.writeString(directory.resolve("fr/token-expired.txt"),
				"Bonjour [[${name}]], « [[${data['name']}]] » a expiré.");
		Files.writeString(directory.resolve("fr/token-expired.html"), "<p>Bonjour [[${name}]]</p>");
		Files.writeString(directory.resolve("fr/subjects.properties"), "token-expired=Votre jeton a expiré\n");
		MailRenderer renderer = new MailRenderer(new TemplateProperties(directory.toString(), null));

		RenderedMail french = renderer.render(MailTemplates.named("token-expired").orElseThrow(), Locale.FRENCH, "Ada",
				WHEN, Map.of("name", "ci"));
		RenderedMail notTranslated = renderer.render(MailTemplates.named("new-device").orElseThrow(), Locale.FRENCH,
				"Ada", WHEN, MailTemplates.named("new-device").orElseThrow().sample());

		assertThat(renderer.languages()).containsExactly("en", "de", "fr");
		assertThat(french.subject()).isEqualTo("Votre jeton a expiré");
		assertThat(french.text()).isEqualTo("Bonjour Ada, « ci » a expiré.");
		assertThat(notTranslated.text()).startsWith("Hello Ada,");
	}

	@Test
	void aTranslationWithOnlyOnePartStopsTheStart(@TempDir Path directory) throws Exception {
		Files.createDirectories(directory.resolve("fr"));
		Files.writeString(directory.resolve("fr/token-expired.txt"), "Bonjour");

		assertThatThrownBy(() -> new MailRenderer(new TemplateProperties(directory.toString(), null)))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("token-expired")
			.hasMessageContaining("fr");
	}

	@Test
	void hostileValuesStayInTheirPlaceInEveryTemplateAndLanguage() {
		MailRenderer renderer = new MailRenderer(new TemplateProperties(null, null));
		String name = "Aoife O'Brien\r\nBcc: x@evil.test";
		String token = "<b>=HYPERLINK(\"http://evil\")</b>\nSubject: injected";
		String agent = "Firefox\u2028X-Injected: 1\u202Egnp.exe";

		for (String language : renderer.languages()) {
			for (MailTemplate template : MailTemplates.ALL) {
				Map<String, Object> data = new java.util.LinkedHashMap<>(template.sample());
				data.replaceAll((key, value) -> value instanceof String ? value + "\r\nBcc: x@evil.test" : value);
				data.put("name", token);
				data.put("userAgent", agent);
				data.put("browser", token);
				data.put("ip", "203.0.113.7\nSubject: injected");
				data.replaceAll((key, value) -> key.endsWith("At") || key.endsWith("Until") ? template.sample().get(key)
						: value);

				RenderedMail mail = renderer.render(template, Locale.forLanguageTag(language), name, WHEN, data);

				String as = template.name() + " (" + language + ")";
				assertThat(mail.subject()).as(as).doesNotContain("\r", "\n").matches("\\P{Cc}+");
				assertThat(mail.text()).as(as)
					.contains("Aoife O'Brien Bcc: x@evil.test")
					.doesNotContain("&#39;", "&amp;", "&lt;", "\u2028", "\u202E")
					.doesNotContainPattern("(?m)^(Bcc|Subject|X-Injected):")
					.doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}T\\d{2}");
				assertThat(mail.html()).as(as)
					.contains("Aoife O&#39;Brien")
					.doesNotContain("<b>", "\u202E")
					.doesNotContainPattern("(?m)^(Bcc|Subject|X-Injected):")
					.doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}T\\d{2}");
				if (template.sample().containsKey("name")) {
					assertThat(mail.html()).as(as)
						.contains("&lt;b&gt;=HYPERLINK(&quot;http://evil&quot;)&lt;/b&gt; Subject: injected");
					assertThat(mail.text()).as(as).contains("<b>=HYPERLINK(\"http://evil\")</b> Subject: injected");
				}
			}
		}
	}

	@Test
	void tokenMailsShowTheExpiryAsADayInTheReadersLanguage() {
		MailRenderer renderer = new MailRenderer(new TemplateProperties(null, null));
		Map<String, Object> data = Map.of("name", "ci", "role", "USER", "hint", "x7Qa", "daysLeft", 7, "expiresAt",
				"2026-12-28T10:00:00Z");

		for (String name : java.util.List.of("token-created", "token-expiring-soon", "token-expired")) {
			MailTemplate template = MailTemplates.named(name).orElseThrow();
			RenderedMail english = renderer.render(template, Locale.ENGLISH, "Ada", WHEN, data);
			RenderedMail german = renderer.render(template, Locale.GERMAN, "Ada", WHEN, data);

			assertThat(english.text()).as(name).contains("28 December 2026").doesNotContain("2026-12-28");
			assertThat(english.html()).as(name).contains("28 December 2026").doesNotContain("2026-12-28");
			assertThat(german.text()).as(name).contains("28. Dezember 2026").doesNotContain("2026-12-28");
			assertThat(german.html()).as(name).contains("28. Dezember 2026").doesNotContain("2026-12-28");
		}
	}

	@Test
	void theResetMailNamesThePasskeysTheResetLeftInPlaceAndSaysNothingOfThemWithoutAny() {
		MailRenderer renderer = new MailRenderer(new TemplateProperties(null, null));
		MailTemplate template = MailTemplates.named("password-reset").orElseThrow();
		Map<String, Object> with = dev.warden.event.EventData.of(new dev.warden.event.auth.PasswordReset(
				"ada@example.test", "Ada", null, "203.0.113.7", null, WHEN, java.util.List.of("Laptop", "<b>Key</b>")));
		Map<String, Object> without = dev.warden.event.EventData.of(new dev.warden.event.auth.PasswordReset(
				"ada@example.test", "Ada", null, "203.0.113.7", null, WHEN, java.util.List.of()));

		RenderedMail listed = renderer.render(template, Locale.ENGLISH, "Ada", WHEN, with);
		RenderedMail german = renderer.render(template, Locale.forLanguageTag("de"), "Ada", WHEN, with);
		RenderedMail none = renderer.render(template, Locale.ENGLISH, "Ada", WHEN, without);

		assertThat(listed.text()).contains("these passkeys").contains("Laptop, <b>Key</b>");
		assertThat(listed.html()).contains("Laptop, &lt;b&gt;Key&lt;/b&gt;");
		assertThat(german.text()).contains("Passkeys").contains("Laptop");
		assertThat(none.text()).doesNotContain("passkey").doesNotContain("\n\n\n");
		assertThat(none.html()).doesNotContain("passkey");
	}

	@Test
	void theSecondFactorFailedMailSaysThePasswordIsKnownAndUntilWhenCodesAreRefused() {
		MailRenderer renderer = new MailRenderer(new TemplateProperties(null, null));
		dev.warden.event.auth.SecondFactorFailed failed = new dev.warden.event.auth.SecondFactorFailed(
				"ada@example.test", "Ada", null, "203.0.113.7", "Firefox", 5, Instant.parse("2026-11-26T10:30:00Z"));
		MailTemplate template = MailTemplates.forEvent(dev.warden.event.EventTypes.SECOND_FACTOR_FAILED, failed)
			.orElseThrow();
		Map<String, Object> data = dev.warden.event.EventData.of(failed);

		RenderedMail english = renderer.render(template, Locale.ENGLISH, "Ada", WHEN, data);
		RenderedMail german = renderer.render(template, Locale.forLanguageTag("de-DE"), "Ada", WHEN, data);

		assertThat(template.name()).isEqualTo("second-factor-failed");
		assertThat(english.subject()).isEqualTo("Someone signed in with your password but failed the second step");
		assertThat(english.text()).contains("Your password is known to someone else. Change it now")
			.contains("26 November 2026 at 10:15 UTC")
			.contains("203.0.113.7")
			.contains("5 wrong one-time codes")
			.contains("Until 26 November 2026 at 10:30 UTC no more one-time codes are accepted");
		assertThat(english.html()).contains("Change it now").contains("26 November 2026 at 10:30 UTC");
		assertThat(german.subject()).startsWith("Jemand hat sich mit Ihrem Passwort angemeldet");
		assertThat(german.text()).startsWith("Hallo Ada,")
			.contains("Ändern Sie es jetzt")
			.contains("26. November 2026")
			.contains("10:30")
			.contains("203.0.113.7");
		assertThat(german.html()).contains("lang=\"de\"").contains("Ändern Sie es jetzt");
	}

}
