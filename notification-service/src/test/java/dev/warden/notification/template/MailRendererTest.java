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

/** Every template renders, escapes what it shows, and can be overridden from a directory (or fails at start). */
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
		assertThat(mail.text()).contains("26 November 2026 at 10:15 UTC").contains("203.0.113.7")
			.contains("If it was not you, reset your password");
		assertThat(mail.html()).doesNotContain("<script>").contains("&lt;script&gt;");
	}

	@Test
	void anOperatorsFileReplacesTheBuiltInTemplate(@TempDir Path directory) throws Exception {
		Files.writeString(directory.resolve("token-expired.txt"), "Custom: [[${data['name']}]] is gone.");
		Files.writeString(directory.resolve("subjects.properties"), "token-expired=Token gone\n");
		MailRenderer renderer = new MailRenderer(new TemplateProperties(directory.toString(), null));

		RenderedMail mail = renderer.render(MailTemplates.named("token-expired").orElseThrow(), Locale.ENGLISH, "Ada", WHEN,
				Map.of("name", "ci"));

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
		Files.writeString(directory.resolve("fr/token-expired.txt"), "Bonjour [[${name}]], « [[${data['name']}]] » a expiré.");
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
}
