package dev.warden.notification.preview;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import dev.warden.notification.template.MailRenderer;
import dev.warden.notification.template.MailTemplate;
import dev.warden.notification.template.MailTemplates;
import dev.warden.notification.template.RenderedMail;
import dev.warden.support.apidocs.ProblemResponse;
import dev.warden.support.problem.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

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
@Tag(name = "Administration", description = "For administrators (role ADMIN).")
class TemplatePreviewController {

	private final MailRenderer renderer;

	TemplatePreviewController(MailRenderer renderer) {
		this.renderer = renderer;
	}

	@GetMapping
	@Operation(operationId = "listMailTemplates",
			summary = "The security e-mails and the languages they are written in")
	@ProblemResponse(status = 403, codes = "forbidden", description = "Not an administrator.")
	TemplateList list() {
		return new TemplateList(this.renderer.languages(),
				MailTemplates.ALL.stream()
					.map((template) -> new TemplateSummary(template.name(), template.eventType(),
							sample(template, "en").subject()))
					.toList());
	}

	/** {@code locale}: one of the languages the list names; English when absent. */
	@GetMapping("/{name}/preview")
	@Operation(operationId = "previewMailTemplate",
			summary = "A security e-mail written with sample data, as a user would get it")
	@ProblemResponse(status = 400, codes = "unsupported_locale", description = "Not one of the languages listed.")
	@ProblemResponse(status = 403, codes = "forbidden", description = "Not an administrator.")
	@ProblemResponse(status = 404, codes = "template_not_found", description = "No e-mail has this name.")
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

	/** The security e-mails, and the languages each is written in. */
	record TemplateList(List<String> languages, List<TemplateSummary> templates) {
	}

	/** A security e-mail: its name, the event that sends it, its English subject. */
	record TemplateSummary(String name, String eventType, String subject) {
	}

}
