package dev.warden.notification.template;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

import dev.warden.event.EventCatalogue;
import dev.warden.event.EventData;
import dev.warden.event.EventPayload;

/**
 * One e-mail the user gets for one kind of event.
 *
 * @param name the template's name (files {@code mail/<name>.html} and {@code .txt})
 * @param eventType the event that sends it
 * @param applies whether this particular event deserves the mail (e.g. only a new
 * device's sign-in)
 * @param revealed example values the mail shows that the event carries sealed (the reset
 * code and its link), added to the preview
 */
public record MailTemplate(String name, String eventType, Predicate<EventPayload> applies,
		Map<String, Object> revealed) {

	public MailTemplate(String name, String eventType, Predicate<EventPayload> applies) {
		this(name, eventType, applies, Map.of());
	}

	/** The event catalogue's example of the event, to preview the mail with. */
	public Map<String, Object> sample() {
		Map<String, Object> sample = new LinkedHashMap<>(
				EventData.of(EventCatalogue.byType(this.eventType).orElseThrow().example()));
		sample.putAll(this.revealed);
		return sample;
	}

}
