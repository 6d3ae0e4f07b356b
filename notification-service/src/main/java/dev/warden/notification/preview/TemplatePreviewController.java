package dev.warden.notification.preview;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.warden.notification.template.MailRenderer;
import dev.warden.notification.template.MailTemplate;
import dev.warden.notification.template.MailTemplates;
import dev.warden.notification.template.RenderedMail;
import dev.warden.support.problem.Problems;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * For administrators ({@code ADMIN}): the mail templates, and each rendered with sample data, so "you can view an
 * example of the e-mail" before any user gets one (overrides from {@code WARDEN_TEMPLATES_DIR} included).
 */
@RestController
@RequestMapping("/api/admin/notifications/templates")
class TemplatePreviewController {

	private final MailRenderer renderer;

	TemplatePreviewController(MailRenderer renderer) {
		this.renderer = renderer;
	}

	@GetMapping
	Map<String, List<Map<String, String>>> list() {
		return Map.of("templates", MailTemplates.ALL.stream()
			.map((template) -> Map.of("name", template.name(), "eventType", template.eventType(), "subject",
					sample(template).subject()))
			.toList());
	}

	@GetMapping("/{name}/preview")
	RenderedMail preview(@PathVariable String name) {
		return sample(MailTemplates.named(name)
			.orElseThrow(() -> Problems.notFound("template_not_found", "No mail template has this name.")));
	}

	private RenderedMail sample(MailTemplate template) {
		return this.renderer.render(template, "Ada Lovelace", Instant.parse("2026-11-26T10:15:00Z"),
				template.sample());
	}
}
