package dev.warden.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.warden.event.token.TokenCreated;
import dev.warden.event.session.SessionCreated;
import dev.warden.event.auth.UserCreated;
import dev.warden.event.auth.TwoFactorEnabled;
import dev.warden.event.auth.TwoFactorDisabled;
import dev.warden.event.auth.SecondFactorFailed;
import dev.warden.event.auth.PasswordChanged;
import dev.warden.event.auth.PasswordResetRequested;
import dev.warden.support.crypto.KeyedCipher;
import dev.warden.event.EventPayload;
import dev.warden.event.CloudEvent;
import dev.warden.event.EventSources;
import dev.warden.event.EventTypes;
import dev.warden.event.Topics;
import dev.warden.infra.test.KafkaRecords;
import dev.warden.infra.test.SharedInfrastructure;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Security e-mails through real Kafka and a real SMTP server (GreenMail): each arrives
 * once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "warden.kafka.retry-attempts=20", "warden.kafka.retry-max=2s",
				"warden.password-reset.mail-keys=" + SecurityEventListenerIT.RESET_MAIL_KEYS,
				"warden.password-reset.portal-url=https://portal.example.test/",
				// GreenMail logs every address it creates a mailbox for; the assertion is
				// about Warden's own lines.
				"logging.level.com.icegreen=WARN" })
@ExtendWith(OutputCaptureExtension.class)
class SecurityEventListenerIT {

	static final String RESET_MAIL_KEYS = "m1:ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=";

	/** auth-service's side of the reset code's seal. */
	private static final KeyedCipher AUTH_SERVICE = new KeyedCipher(RESET_MAIL_KEYS, "test");

	@Autowired
	JsonMapper json;

	@org.springframework.boot.test.web.server.LocalServerPort
	int port;

	@org.springframework.boot.test.web.server.LocalManagementPort
	int managementPort;

	@Test
	void healthMetricsAndInfoAnswerOnlyOnTheManagementPort() {
		dev.warden.infra.test.ManagementEndpoints.assertOnlyOnManagementPort(this.port, this.managementPort);
	}

	@Test
	void mailsThePasswordChangeOnceWithTheContractSubjectAndNoSecret(CapturedOutput output) throws Exception {
		String user = UUID.randomUUID().toString();
		String email = "ada-" + user.substring(0, 8) + "@example.test";
		CloudEvent changed = event(user, new PasswordChanged(email, "Ada Lovelace", null, "203.0.113.7", "Firefox",
				"sessionPublicId0000001", true, Instant.now()));

		publish(Topics.AUTH_EVENTS, changed);
		publish(Topics.AUTH_EVENTS, changed); // redelivered

		MimeMessage mail = awaitMail(email);
		assertThat(mail.getSubject()).isEqualTo("Users - Your system password has been changed");
		assertThat(mail.getRecipients(Message.RecipientType.TO)[0].toString()).isEqualTo(email);
		String text = partsOf(mail);
		assertThat(text).contains("Hello Ada Lovelace")
			.contains("203.0.113.7")
			.contains("not you")
			.doesNotContain("sessionPublicId0000001");
		assertThat(mail.getContentType()).startsWith("multipart/");
		Thread.sleep(1500);
		assertThat(mailsTo(email)).as("exactly one mail for the redelivered event").hasSize(1);
		assertThat(output.getOut()).doesNotContain(email);
	}

	@Test
	void findsTheAddressForEventsThatNameOnlyTheUser() throws Exception {
		String user = UUID.randomUUID().toString();
		String email = "grace-" + user.substring(0, 8) + "@example.test";
		publish(Topics.AUTH_EVENTS,
				event(user, new UserCreated(user, email, "Grace Hopper", List.of("USER"), "admin-1", null)));

		publish(Topics.TOKEN_EVENTS, event(user, new TokenCreated(UUID.randomUUID().toString(), "ci", "USER", "x7Qa",
				Instant.parse("2027-02-28T10:00:00Z"), null, null)));
		publish(Topics.SESSION_EVENTS, event(user, new SessionCreated(user, "s1", null, null, "Unknown browser",
				"Unknown OS", "unknown", List.of("pwd"), false)));
		publish(Topics.SESSION_EVENTS, event(user, new SessionCreated(user, "s2", "198.51.100.9", null, "Safari 17",
				"iOS", "mobile", List.of("pwd"), true)));

		await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(email).size() >= 2);
		Thread.sleep(1000);
		List<String> subjects = mailsTo(email).stream().map(SecurityEventListenerIT::subject).toList();
		assertThat(subjects).containsExactlyInAnyOrder("A new API token was created",
				"New sign-in to your account from a new device");
	}

	@Test
	void mailsOnceWhenSomeoneWithThePasswordSpentTheBudgetOfOneTimeCodes() throws Exception {
		String user = UUID.randomUUID().toString();
		String email = "mfa-" + user.substring(0, 8) + "@example.test";
		CloudEvent failed = event(user, new SecondFactorFailed(email, "Aoife O'Brien", null, "203.0.113.7", "Firefox",
				5, Instant.parse("2026-11-26T10:30:00Z")));

		publish(Topics.AUTH_EVENTS, failed);
		publish(Topics.AUTH_EVENTS, failed); // redelivered

		MimeMessage mail = awaitMail(email);
		assertThat(mail.getSubject()).isEqualTo("Someone signed in with your password but failed the second step");
		assertThat(partsOf(mail)).contains("Hello Aoife O'Brien,")
			.contains("Change it now")
			.contains("203.0.113.7")
			.contains("26 November 2026 at 10:30 UTC")
			.doesNotContain("2026-11-26T10:30:00Z");
		Thread.sleep(1500);
		assertThat(mailsTo(email)).as("exactly one mail for the redelivered event").hasSize(1);
	}

	@Test
	void writesInTheLanguageTheUserChose() throws Exception {
		String user = UUID.randomUUID().toString();
		String email = "karl-" + user.substring(0, 8) + "@example.test";
		publish(Topics.AUTH_EVENTS,
				event(user, new UserCreated(user, email, "Karl", List.of("USER"), "admin-1", "de-DE")));

		publish(Topics.TOKEN_EVENTS, event(user, new TokenCreated(UUID.randomUUID().toString(), "ci", "USER", "x7Qa",
				Instant.parse("2027-02-28T10:00:00Z"), null, null)));

		MimeMessage mail = awaitMail(email);
		assertThat(mail.getSubject()).isEqualTo("Ein neues API-Token wurde erstellt");
		assertThat(partsOf(mail)).contains("Hallo Karl").contains("„ci“");
	}

	@Test
	void holdsMailWhileTheSmtpServerIsDownAndDeliversItAfterwards() throws Exception {
		String user = UUID.randomUUID().toString();
		String email = "alan-" + user.substring(0, 8) + "@example.test";
		SharedInfrastructure.get().smtp().stop();
		try {
			publish(Topics.AUTH_EVENTS,
					event(user, new TwoFactorEnabled(email, "Alan Turing", null, "203.0.113.8", null)));
			Thread.sleep(4000);
		}
		finally {
			SharedInfrastructure.get().smtp().restart();
		}

		MimeMessage mail = awaitMail(email);
		assertThat(mail.getSubject()).isEqualTo("Two-factor authentication is now on");
	}

	@Test
	void sendsAMalformedEventToTheDeadLetterTopicAndKeepsGoing() throws Exception {
		String user = UUID.randomUUID().toString();
		String email = "kept-" + user.substring(0, 8) + "@example.test";

		KafkaRecords.send(Topics.AUTH_EVENTS, user, "{not an event");
		publish(Topics.AUTH_EVENTS, event(user, "warden.something.new", Map.of("email", email)));
		publish(Topics.AUTH_EVENTS, event(user, new TwoFactorDisabled(email, "Kept", null, null, null)));

		awaitMail(email);
		assertThat(KafkaRecords.readUntil(Topics.deadLetterOf(Topics.AUTH_EVENTS),
				(read) -> read.stream().anyMatch((record) -> user.equals(record.key())), Duration.ofSeconds(30)))
			.anyMatch((record) -> user.equals(record.key()) && record.value().equals("{not an event"));
		assertThat(mailsTo(email)).hasSize(1);
	}

	@Test
	void mailsTheResetCodeAndItsLinkButNeverTheSealedValue() throws Exception {
		String user = UUID.randomUUID().toString();
		String email = "reset-" + user.substring(0, 8) + "@example.test";
		String code = "K7QF-M2XA-PL4R-6TZC-W3NB-HD6E";
		String sealed = AUTH_SERVICE.seal(code.getBytes(StandardCharsets.UTF_8),
				PasswordResetRequested.SEAL_PREFIX + user);

		publish(Topics.AUTH_EVENTS, event(user, new PasswordResetRequested(email, "Ada Lovelace", null, "203.0.113.7",
				"Firefox", sealed, Instant.parse("2026-11-26T10:45:00Z"))));

		MimeMessage mail = awaitMail(email);
		assertThat(mail.getSubject()).isEqualTo("Your password reset code");
		assertThat(partsOf(mail)).contains(code)
			.contains("https://portal.example.test/#/reset-password?code=" + code)
			.contains("26 November 2026 at 10:45 UTC")
			.contains("203.0.113.7")
			.doesNotContain(sealed);
	}

	@Test
	void deadLettersAResetMailWhoseCodeDoesNotOpen() {
		String user = UUID.randomUUID().toString();
		String someoneElses = AUTH_SERVICE.seal("K7QF-M2XA-PL4R-6TZC-W3NB-HD6E".getBytes(StandardCharsets.UTF_8),
				PasswordResetRequested.SEAL_PREFIX + UUID.randomUUID());

		publish(Topics.AUTH_EVENTS, event(user, new PasswordResetRequested("moved@example.test", "Mallory", null, null,
				null, someoneElses, Instant.now().plusSeconds(900))));

		var deadLetters = KafkaRecords.readUntil(Topics.deadLetterOf(Topics.AUTH_EVENTS),
				(read) -> read.stream().anyMatch((record) -> user.equals(record.key())), Duration.ofSeconds(30));
		var record = deadLetters.stream().filter((found) -> user.equals(found.key())).findFirst().orElseThrow();
		assertThat(new String(record.headers().lastHeader("kafka_dlt-exception-message").value()))
			.contains("does not open");
		assertThat(mailsTo("moved@example.test")).isEmpty();
	}

	@Test
	void deadLettersAMailThatCanNeverBeSentWithTheReason() {
		String user = UUID.randomUUID().toString();

		publish(Topics.AUTH_EVENTS, event(user, new TwoFactorEnabled("not an address@@", "X", null, null, null)));

		var deadLetters = KafkaRecords.readUntil(Topics.deadLetterOf(Topics.AUTH_EVENTS),
				(read) -> read.stream().anyMatch((record) -> user.equals(record.key())), Duration.ofSeconds(30));
		var record = deadLetters.stream().filter((found) -> user.equals(found.key())).findFirst().orElseThrow();
		String reason = new String(record.headers().lastHeader("kafka_dlt-exception-message").value());
		assertThat(reason).contains("could not be built");
	}

	@Test
	void administratorsPreviewEveryTemplateWithSampleData() throws Exception {
		String admin = dev.warden.infra.test.TestJwts.shared().forUser("admin").roles("USER", "ADMIN").bearer();
		String user = dev.warden.infra.test.TestJwts.shared().forUser("u").roles("USER").bearer();
		String templates = "/api/admin/notifications/templates";

		var list = get(templates, admin);
		var preview = get(templates + "/password-changed/preview", admin);
		var german = get(templates + "/password-changed/preview?locale=de", admin);
		var unsupported = get(templates + "/password-changed/preview?locale=xx", admin);
		var unknown = get(templates + "/nope/preview", admin);
		var notAdmin = get(templates, user);

		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.body()).contains("\"name\":\"password-changed\"")
			.contains("\"name\":\"token-expired\"")
			.contains("\"languages\":[\"en\",\"de\"]");
		assertThat(preview.statusCode()).isEqualTo(200);
		assertThat(preview.body()).contains("\"subject\":\"Users - Your system password has been changed\"")
			.contains("203.0.113.7");
		assertThat(german.body()).contains("\"subject\":\"Benutzer - Ihr Systempasswort wurde geändert\"");
		assertThat(unsupported.statusCode()).isEqualTo(400);
		assertThat(unsupported.body()).contains("\"code\":\"unsupported_locale\"");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(notAdmin.statusCode()).isEqualTo(403);
	}

	private java.net.http.HttpResponse<String> get(String path, String authorization) throws Exception {
		return java.net.http.HttpClient.newHttpClient()
			.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + this.port + path))
				.header("Authorization", authorization)
				.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
	}

	private CloudEvent event(String user, String type, Map<String, Object> data) {
		return CloudEvent.of("/test", type, user, new LinkedHashMap<>(data));
	}

	private CloudEvent event(String user, EventPayload payload) {
		return CloudEvent.of("/test", user, payload);
	}

	/** As the topic's owner sends it: only its source is believed on its topic. */
	private void publish(String topic, CloudEvent event) {
		CloudEvent owned = new CloudEvent(event.specversion(), event.id(), EventSources.ownerOf(topic).orElseThrow(),
				event.type(), event.time(), event.subject(), event.datacontenttype(), event.data());
		KafkaRecords.send(topic, event.subject(), this.json.writeValueAsString(owned));
	}

	private static MimeMessage awaitMail(String email) {
		return await().atMost(Duration.ofSeconds(60)).until(() -> mailsTo(email), (found) -> !found.isEmpty()).get(0);
	}

	static List<MimeMessage> mailsTo(String email) {
		return SharedInfrastructure.get().smtp().received().stream().filter((message) -> {
			try {
				return Arrays.stream(message.getAllRecipients()).anyMatch((to) -> to.toString().equals(email));
			}
			catch (Exception ex) {
				return false;
			}
		}).toList();
	}

	private static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String partsOf(MimeMessage message) throws Exception {
		StringBuilder all = new StringBuilder();
		collect(message.getContent(), all);
		return all.toString();
	}

	private static void collect(Object content, StringBuilder all) throws Exception {
		if (content instanceof MimeMultipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				collect(multipart.getBodyPart(i).getContent(), all);
			}
		}
		else {
			all.append(content);
		}
	}

}
