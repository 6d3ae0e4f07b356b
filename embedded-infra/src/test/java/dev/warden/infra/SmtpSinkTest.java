package dev.warden.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.Test;

/**
 * The SMTP sink keeps what it received like a mailbox would, also when it is stopped and
 * started again.
 */
class SmtpSinkTest {

	@Test
	void mailReceivedBeforeAnOutageIsStillThereAfterIt() {
		try (SmtpSink sink = SmtpSink.start(0)) {
			ServerSetup smtp = new ServerSetup(sink.port(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
			GreenMailUtil.sendTextEmail("someone@example.test", "warden@example.test", "before", "1", smtp);
			sink.stop();
			sink.restart();
			GreenMailUtil.sendTextEmail("someone@example.test", "warden@example.test", "after", "2", smtp);

			assertThat(sink.received()).extracting((message) -> {
				try {
					return message.getSubject();
				}
				catch (jakarta.mail.MessagingException ex) {
					throw new IllegalStateException(ex);
				}
			}).containsExactly("before", "after");
		}
	}

}
