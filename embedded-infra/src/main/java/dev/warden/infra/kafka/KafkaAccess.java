package dev.warden.infra.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Brings a broker to what {@link KafkaPrincipals} says, as its administrator: every event
 * topic and its dead-letter twin, a SCRAM user per principal (with the password given,
 * replacing an older one), and each principal's ACLs. Idempotent, so a local run applies
 * it at every start over the data it kept. Returns once the broker itself enforces all of
 * it, not merely once the controller accepted it.
 */
public final class KafkaAccess {

	private static final int SCRAM_ITERATIONS = 4096;

	private static final Duration PROPAGATION = Duration.ofSeconds(30);

	private KafkaAccess() {
	}

	public static void apply(String bootstrapServers, KafkaCredentials credentials, int partitions) {
		try (Admin admin = Admin.create(credentials.adminClientProperties(bootstrapServers))) {
			createTopics(admin, partitions);
			List<KafkaPrincipal> principals = credentials.principals();
			if (principals.isEmpty()) {
				return;
			}
			List<UserScramCredentialAlteration> users = new ArrayList<>();
			for (KafkaPrincipal principal : principals) {
				users.add(new UserScramCredentialUpsertion(principal.name(),
						new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS),
						credentials.passwordOf(principal.name())));
			}
			admin.alterUserScramCredentials(users).all().get();
			List<AclBinding> acls = principals.stream()
				.flatMap((principal) -> principal.acls().stream())
				.map(KafkaAcl::binding)
				.toList();
			admin.createAcls(acls).all().get();
			awaitEnforced(admin, principals, acls);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Could not set up Kafka's topics, users and ACLs", ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void createTopics(Admin admin, int partitions) throws InterruptedException, ExecutionException {
		Set<String> existing = admin.listTopics().names().get();
		List<NewTopic> missing = KafkaPrincipals.allTopics()
			.stream()
			.filter((topic) -> !existing.contains(topic))
			.map((topic) -> new NewTopic(topic, partitions, (short) 1))
			.toList();
		try {
			admin.createTopics(missing).all().get();
		}
		catch (ExecutionException ex) {
			if (!(ex.getCause() instanceof TopicExistsException)) {
				throw ex;
			}
		}
	}

	/**
	 * Users and ACLs travel through the metadata log to the broker: wait until the broker
	 * answers with them.
	 */
	private static void awaitEnforced(Admin admin, List<KafkaPrincipal> principals, List<AclBinding> acls)
			throws InterruptedException, ExecutionException {
		Set<String> names = principals.stream().map(KafkaPrincipal::name).collect(Collectors.toSet());
		long deadline = System.nanoTime() + PROPAGATION.toNanos();
		while (true) {
			Map<String, ?> users = admin.describeUserScramCredentials().all().get();
			var known = admin.describeAcls(AclBindingFilter.ANY).values().get();
			if (users.keySet().containsAll(names) && known.containsAll(acls)) {
				return;
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Kafka did not apply its users and ACLs within " + PROPAGATION);
			}
			Thread.sleep(50);
		}
	}

}
