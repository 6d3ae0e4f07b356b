package dev.warden.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Properties;
import java.util.Set;

import dev.warden.infra.test.SharedInfrastructure;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/** The shared test infrastructure serves real PostgreSQL, Redis, Kafka and SMTP. */
class EmbeddedInfrastructureTest {

	private final TestInfrastructure infra = SharedInfrastructure.get();

	@Test
	void postgresServesEveryServiceDatabase() throws Exception {
		for (String database : InfrastructureSettings.SERVICE_DATABASES) {
			try (Connection connection = DriverManager.getConnection(this.infra.jdbcUrl(database), "postgres",
					"postgres");
					ResultSet rows = connection.createStatement().executeQuery("select current_database()")) {
				assertThat(rows.next()).isTrue();
				assertThat(rows.getString(1)).isEqualTo(database);
			}
		}
	}

	@Test
	void redisAnswersEveryServiceUserWithItsPassword() throws Exception {
		for (RedisUser user : RedisAcl.SERVICES) {
			try (RespClient client = RespClient.as(this.infra.redisUrl(), user.name(),
					this.infra.redisPassword(user.name()))) {
				assertThat(client.send("PING")).as(user.name()).isEqualTo("PONG");
			}
		}
	}

	@Test
	void kafkaHasEveryEventTopicAndLetsItsAdministratorCreateMore() throws Exception {
		try (AdminClient admin = AdminClient
			.create(this.infra.kafkaCredentials().adminClientProperties(this.infra.kafkaBootstrapServers()))) {
			admin.createTopics(Set.of(new NewTopic("infra-check", 2, (short) 1))).all().get();
			assertThat(admin.listTopics().names().get()).contains("infra-check")
				.containsAll(dev.warden.infra.kafka.KafkaPrincipals.allTopics());
		}
	}

	@Test
	void smtpSinkKeepsWhatItReceives() throws Exception {
		Properties properties = new Properties();
		properties.put("mail.smtp.host", "127.0.0.1");
		properties.put("mail.smtp.connectiontimeout", "5000");
		properties.put("mail.smtp.port", String.valueOf(this.infra.smtp().port()));
		MimeMessage message = new MimeMessage(Session.getInstance(properties));
		message.setFrom(new InternetAddress("warden@example.test"));
		message.setRecipient(Message.RecipientType.TO, new InternetAddress("user@example.test"));
		message.setSubject("infra check");
		message.setText("hello");
		Transport.send(message);

		assertThat(this.infra.smtp().received())
			.anySatisfy((mail) -> assertThat(mail.getSubject()).isEqualTo("infra check"));
	}

	@Test
	void kafkaBrokerRestartsOnItsPortKeepingItsTopics() throws Exception {
		try (KafkaBroker broker = KafkaBroker.start(0, 1);
				AdminClient admin = AdminClient.create(broker.adminClientProperties())) {
			admin.createTopics(Set.of(new NewTopic("survives-restart", 1, (short) 1))).all().get();

			broker.stop();
			broker.restart();

			assertThat(admin.listTopics().names().get()).contains("survives-restart");
		}
	}

}
