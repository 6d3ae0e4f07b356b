package dev.warden.notification.template;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param dir where operators put their own versions of the templates
 * ({@code WARDEN_TEMPLATES_DIR}): {@code <name>.html}, {@code <name>.txt} and
 * {@code subjects.properties}; anything not there comes from the jar
 * @param from the sender address
 */
@ConfigurationProperties("warden.templates")
public record TemplateProperties(String dir, String from) {

	public TemplateProperties {
		dir = dir == null ? "" : dir.strip();
		from = from == null || from.isBlank() ? "Warden <no-reply@warden.local>" : from;
	}
}
