package dev.warden.auth.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

import dev.warden.auth.AuthIntegrationTest;
import dev.warden.event.Topics;
import dev.warden.infra.test.KafkaRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;

/**
 * The first administrator is created once at start-up, with an Argon2id hash at OWASP's
 * parameters, and its {@code warden.user.created} event leaves through the outbox in the
 * CloudEvents envelope, without the password.
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
		assertThat(admin.passwordHash()).startsWith("{argon2}$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain(PASSWORD);
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
		// Its own administrator: other tests move the shared clock on by days, past the
		// first one's expiry.
		String email = bootstrap(null);

		HttpResponse<String> response = login(email, PASSWORD);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(read(response).get("passwordChangeRequired").asBoolean()).isTrue();
	}

	@Test
	void anUnusedTemporaryPasswordExpiresFromCreationAndAStartWithItConfiguredSetsItAgain() {
		String email = bootstrap(null);
		User created = this.users.findByEmail(email).orElseThrow();
		assertThat(created.temporaryPasswordExpiresAt()).isEqualTo(created.createdAt().plus(Duration.ofHours(72)));
		this.clock.advance(Duration.ofHours(72).plusSeconds(1));

		HttpResponse<String> expired = login(email, PASSWORD);
		bootstrapper(email, null).run(new DefaultApplicationArguments());
		HttpResponse<String> again = login(email, PASSWORD);

		assertThat(expired.statusCode()).isEqualTo(401);
		assertThat(expired.body()).contains("\"code\":\"invalid_credentials\"");
		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(read(again).get("passwordChangeRequired").asBoolean()).isTrue();
		assertThat(this.users.findByEmail(email).orElseThrow().temporaryPasswordExpiresAt())
			.isCloseTo(this.clock.instant().plus(Duration.ofHours(72)), within(1, ChronoUnit.MILLIS));
	}

	/**
	 * Runs the bootstrap for a new e-mail address; {@code passwordChangeRequired} as the
	 * operator configures it.
	 */
	private String bootstrap(Boolean passwordChangeRequired) {
		String email = "bootstrap-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@example.test";
		bootstrapper(email, passwordChangeRequired).run(new DefaultApplicationArguments());
		return email;
	}

	private BootstrapAdmin bootstrapper(String email, Boolean passwordChangeRequired) {
		return new BootstrapAdmin(
				new BootstrapProperties(new BootstrapProperties.Admin(email, PASSWORD, null, passwordChangeRequired)),
				this.users, super.users);
	}

	@Test
	void anOperatorMayOptOutOfTheForcedChange() {
		String email = bootstrap(false);

		User admin = this.users.findByEmail(email).orElseThrow();
		assertThat(admin.passwordChangeRequired()).isFalse();
		assertThat(admin.temporaryPasswordExpiresAt()).as("a permanent password does not expire").isNull();
	}

	@Test
	void runningAgainCreatesNoSecondAdministrator() {
		this.bootstrap.run(new DefaultApplicationArguments());

		assertThat(this.jdbc.queryForObject("select count(*) from app_user where lower(email) = 'root@example.test'",
				Integer.class))
			.isEqualTo(1);
	}

}
