package dev.warden.auth.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import dev.warden.auth.AuthIntegrationTest;
import dev.warden.event.Topics;
import dev.warden.infra.test.KafkaRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;

/**
 * The first administrator is created once at start-up, with an Argon2id hash at OWASP's parameters, and its
 * {@code warden.user.created} event leaves through the outbox in the CloudEvents envelope, without the password.
 */
class BootstrapAdminIT extends AuthIntegrationTest {

	static final String PASSWORD = ADMIN_PASSWORD;

	@Autowired
	UserStore users;

	@Autowired
	BootstrapAdmin bootstrap;

	@Test
	void createsAdministratorWithArgon2idHashAtOwaspParameters() {
		User admin = this.users.findByEmail("root@example.TEST").orElseThrow();

		assertThat(admin.roles()).containsExactlyInAnyOrder("USER", "ADMIN");
		assertThat(admin.passwordChangeRequired()).as("a temporary password by default").isTrue();
		assertThat(admin.passwordHash()).startsWith("{argon2}$argon2id$v=19$m=19456,t=2,p=1$")
			.doesNotContain(PASSWORD);
	}

	@Test
	void publishesUserCreatedThroughTheOutboxWithoutThePassword() {
		String adminId = this.users.findByEmail("root@example.test").orElseThrow().id().toString();

		List<ConsumerRecord<String, String>> records = KafkaRecords.readUntil(Topics.AUTH_EVENTS,
				(read) -> read.stream().anyMatch((record) -> adminId.equals(record.key())), Duration.ofSeconds(30));

		ConsumerRecord<String, String> created = records.stream()
			.filter((record) -> adminId.equals(record.key()))
			.findFirst()
			.orElseThrow();
		assertThat(created.value()).contains("\"specversion\":\"1.0\"")
			.contains("\"type\":\"warden.user.created\"")
			.contains("\"source\":\"/auth-service\"")
			.contains("\"subject\":\"" + adminId + "\"")
			.contains("\"email\":\"Root@Example.test\"")
			.doesNotContain(PASSWORD)
			.doesNotContain("argon2");
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.queryForObject("select count(*) from outbox_event", Integer.class) == 0);
	}

	@Test
	void theFirstSignInOfTheBootstrapAdministratorMustChooseANewPassword() {
		HttpResponse<String> response = login("root@example.test", PASSWORD);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(read(response).get("passwordChangeRequired").asBoolean()).isTrue();
	}

	@Test
	void anOperatorMayOptOutOfTheForcedChange() {
		String email = "opted-out-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@example.test";
		BootstrapAdmin optedOut = new BootstrapAdmin(
				new BootstrapProperties(new BootstrapProperties.Admin(email, PASSWORD, null, false)), this.users,
				super.users);

		optedOut.run(new DefaultApplicationArguments());

		assertThat(this.users.findByEmail(email).orElseThrow().passwordChangeRequired()).isFalse();
	}

	@Test
	void runningAgainCreatesNoSecondAdministrator() {
		this.bootstrap.run(new DefaultApplicationArguments());

		assertThat(this.jdbc.queryForObject("select count(*) from app_user where lower(email) = 'root@example.test'",
				Integer.class)).isEqualTo(1);
	}
}
