package dev.warden.notification.template;

import java.util.Map;
import java.util.function.Predicate;

/**
 * One e-mail the user gets for one kind of event.
 *
 * @param name the template's name (files {@code mail/<name>.html} and {@code .txt})
 * @param eventType the event that sends it
 * @param applies whether this particular event deserves the mail (e.g. only a new
 * device's sign-in)
 * @param sample data to preview it with
 */
public record MailTemplate(String name, String eventType, Predicate<Map<String, Object>> applies,
		Map<String, Object> sample) {
}
