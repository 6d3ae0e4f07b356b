package dev.warden.notification.delivery;

import dev.warden.notification.template.RenderedMail;
import dev.warden.notification.template.TemplateProperties;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends one mail as multipart/alternative (plain text and HTML) with a Message-ID derived
 * from the event id, and sorts failures: the SMTP server refusing the address or the mail
 * is permanent (dead-letter at once); anything else (server down, timeouts) is transient
 * and retried with back-off.
 */
@Component
class Mailer {

	private final JavaMailSender sender;

	private final TemplateProperties properties;

	Mailer(JavaMailSender sender, TemplateProperties properties) {
		this.sender = sender;
		this.properties = properties;
	}

	void send(String to, RenderedMail mail, String eventId) {
		MimeMessage message = this.sender.createMimeMessage();
		try {
			MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
			helper.setFrom(this.properties.from());
			helper.setTo(to);
			helper.setSubject(mail.subject());
			helper.setText(mail.text(), mail.html());
			message.setHeader("X-Warden-Event-Id", eventId);
		}
		catch (MessagingException ex) {
			throw new PermanentMailFailure("the mail could not be built: " + ex.getMessage(), ex);
		}
		try {
			this.sender.send(message);
		}
		catch (MailParseException | MailPreparationException ex) {
			throw new PermanentMailFailure("the mail could not be prepared: " + ex.getMessage(), ex);
		}
		catch (MailSendException ex) {
			if (refusedByServer(ex)) {
				throw new PermanentMailFailure("the SMTP server refused the mail: " + ex.getMessage(), ex);
			}
			throw ex;
		}
	}

	/** A 5xx answer to the recipient or the data: retrying the same mail cannot help. */
	private static boolean refusedByServer(MailException ex) {
		Throwable cause = ex;
		while (cause != null) {
			if (cause instanceof SendFailedException) {
				return true;
			}
			cause = cause.getCause();
		}
		if (ex instanceof MailSendException send) {
			return send.getFailedMessages()
				.values()
				.stream()
				.anyMatch((failure) -> failure instanceof SendFailedException);
		}
		return false;
	}

}
