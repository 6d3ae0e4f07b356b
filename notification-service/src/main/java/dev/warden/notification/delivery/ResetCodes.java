package dev.warden.notification.delivery;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.warden.event.CloudEvent;
import dev.warden.event.EventPayload;
import dev.warden.event.auth.PasswordResetRequested;
import dev.warden.support.crypto.KeyedCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Opens the reset code that {@code password.reset-requested} carries sealed, for its mail
 * only: the mail's data gets the code and the link to the reset page in place of the
 * sealed value. A code that does not open (another key, altered, moved to another user)
 * is a permanent failure: the event is dead-lettered, never mailed half.
 */
@Component
class ResetCodes {

	private static final Logger log = LoggerFactory.getLogger(ResetCodes.class);

	private final KeyedCipher seal;

	private final String portal;

	ResetCodes(ResetMailProperties settings) {
		this.seal = new KeyedCipher(settings.mailKeys(), "WARDEN_PASSWORDRESET_MAILKEYS");
		this.portal = settings.portalUrl().replaceAll("/+$", "");
		if (!this.seal.configured()) {
			log.warn("WARDEN_PASSWORDRESET_MAILKEYS is not set: password reset mails cannot be sent");
		}
	}

	/** The data the mail of {@code event} is written from. */
	Map<String, Object> forMail(CloudEvent event, EventPayload payload) {
		if (!(payload instanceof PasswordResetRequested requested)) {
			return event.data();
		}
		String code;
		try {
			code = new String(
					this.seal.open(requested.sealedCode(), PasswordResetRequested.SEAL_PREFIX + event.subject()),
					StandardCharsets.UTF_8);
		}
		catch (KeyedCipher.UnopenableException ex) {
			throw new PermanentMailFailure("The reset code of event " + event.id() + " does not open", ex);
		}
		Map<String, Object> data = new LinkedHashMap<>(event.data());
		data.remove("sealedCode");
		data.put("code", code);
		data.put("link", this.portal + "/#/reset-password?code=" + code);
		return data;
	}

}
