package dev.warden.notification.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import dev.warden.event.EventCatalogue;
import dev.warden.event.EventPayload;
import dev.warden.event.Addressed;
import dev.warden.event.CloudEvent;
import dev.warden.event.Topics;
import dev.warden.notification.template.MailRenderer;
import dev.warden.notification.template.MailTemplate;
import dev.warden.notification.template.MailTemplates;
import dev.warden.notification.users.KnownUsers;
import dev.warden.support.kafka.EventParser;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;

/**
 * Turns security events into e-mails. A record's offset is committed only after its mail
 * was accepted by the SMTP server or dead-lettered: a transient SMTP failure is thrown
 * back to the container, which retries it with exponential back-off and then dead-letters
 * it (the shared error handler); a permanent one goes to the dead-letter topic at once.
 * Each event is mailed once even when redelivered. Logs name the event type and id only:
 * the data holds personal details.
 */
@Component
class SecurityEventListener {

	private static final Logger log = LoggerFactory.getLogger(SecurityEventListener.class);

	private final EventParser parser;

	private final KnownUsers users;

	private final MailRenderer renderer;

	private final Mailer mailer;

	private final SentMails sent;

	private final ResetCodes resetCodes;

	private final MeterRegistry meters;

	private final Timer latency;

	SecurityEventListener(EventParser parser, KnownUsers users, MailRenderer renderer, Mailer mailer, SentMails sent,
			ResetCodes resetCodes, MeterRegistry meters) {
		this.resetCodes = resetCodes;
		this.parser = parser;
		this.users = users;
		this.renderer = renderer;
		this.mailer = mailer;
		this.sent = sent;
		this.meters = meters;
		this.latency = Timer.builder("warden.mail.latency")
			.description("From the event's time to the SMTP server accepting its mail")
			.publishPercentiles(0.5, 0.99)
			.register(meters);
	}

	@KafkaListener(topics = { Topics.AUTH_EVENTS, Topics.SESSION_EVENTS, Topics.TOKEN_EVENTS })
	void on(String value, @Header(KafkaHeaders.RECEIVED_TOPIC) String topic) {
		CloudEvent event = this.parser.parse(topic, value);
		// Who a user is and where mail goes is auth-service's to say: an address in
		// another service's event is not
		// believed (a session-service taken over must not redirect a user's security
		// mail).
		Optional<EventCatalogue.Entry> known = EventCatalogue.byType(event.type());
		boolean fromAuth = Topics.AUTH_EVENTS.equals(topic);
		if (known.isEmpty() || (!fromAuth && !MailTemplates.mailsFor(event.type()))) {
			// A type newer than this service is not its business yet.
			log.debug("No template for {} (event {}); nothing to send", event.type(), event.id());
			return;
		}
		EventPayload payload = this.parser.payload(event, known.get().payload());
		if (fromAuth && payload instanceof Addressed addressed) {
			this.users.remember(event.subject(), addressed);
		}
		Optional<MailTemplate> template = MailTemplates.forEvent(event.type(), payload);
		if (template.isEmpty()) {
			log.debug("No template for {} (event {}); nothing to send", event.type(), event.id());
			return;
		}
		if (this.sent.alreadySent(event.id())) {
			this.meters.counter("warden.mail.duplicates").increment();
			log.info("Event {} was mailed already; not again", event.id());
			return;
		}
		Optional<KnownUsers.Recipient> recipient = this.users.find(event.subject());
		if (recipient.isEmpty()) {
			this.meters.counter("warden.mail.unaddressable").increment();
			log.warn("No e-mail address known for the user of event {} ({}); not mailed", event.id(), event.type());
			return;
		}
		Instant when = event.time() == null ? Instant.now() : event.time();
		try {
			this.mailer
				.send(recipient.get().email(),
						this.renderer.render(template.get(), recipient.get().preferredLocale(),
								recipient.get().displayName(), when, this.resetCodes.forMail(event, payload)),
						event.id());
		}
		catch (RuntimeException ex) {
			this.meters
				.counter("warden.mail.failed", "template", template.get().name(), "permanent",
						Boolean.toString(ex instanceof PermanentMailFailure))
				.increment();
			throw ex;
		}
		this.sent.markSent(event.id());
		this.meters.counter("warden.mail.sent", "template", template.get().name()).increment();
		this.latency.record(Duration.between(when, Instant.now()));
		log.info("Mailed {} for event {}", template.get().name(), event.id());
	}

}
