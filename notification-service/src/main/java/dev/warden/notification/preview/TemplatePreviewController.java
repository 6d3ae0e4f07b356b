package dev.warden.notification.preview;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import dev.warden.notification.template.MailRenderer;
import dev.warden.notification.template.MailTemplate;
import dev.warden.notification.template.MailTemplates;
import dev.warden.notification.template.RenderedMail;
import dev.warden.support.problem.Problems;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * For administrators ({@code ADMIN}): the mail templates, and each rendered with sample
 * data, so "you can view an example of the e-mail" before any user gets one (overrides
 * from {@code WARDEN_TEMPLATES_DIR} included).
 */
@RestController
@RequestMapping("/api/admin/notifications/templates")
class TemplatePreviewController {

	private final MailRenderer renderer;

	TemplatePreviewController(MailRenderer renderer) {
		this.renderer = renderer;
	}

	@GetMapping
	Map<String, Object> list() {
		return Map.of("languages", this.renderer.languages(), "templates",
				MailTemplates.ALL.stream()
					.map((template) -> Map.of("name", template.name(), "eventType", template.eventType(), "subject",
							sample(template, "en").subject()))
					.toList());
	}

	/** {@code locale}: one of the languages the list names; English when absent. */
	@GetMapping("/{name}/preview")
	RenderedMail preview(@PathVariable String name, @RequestParam(defaultValue = "en") String locale) {
		MailTemplate template = MailTemplates.named(name)
			.orElseThrow(() -> Problems.notFound("template_not_found", "No mail template has this name."));
		if (!this.renderer.languages().contains(locale)) {
			throw Problems.badRequest("unsupported_locale",
					"Mails can be written in " + String.join(", ", this.renderer.languages()) + ".");
		}
		return sample(template, locale);
	}

	private RenderedMail sample(MailTemplate template, String language) {
		return this.renderer.render(template, Locale.forLanguageTag(language), "Ada Lovelace",
				Instant.parse("2026-11-26T10:15:00Z"), template.sample());
	}

}
