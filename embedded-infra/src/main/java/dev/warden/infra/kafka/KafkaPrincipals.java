package dev.warden.infra.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.warden.event.Topics;

/**
 * Who may do what on Warden's Kafka: the one place these rules are written. The embedded
 * broker applies them; the Docker Compose {@code kafka-init} step spells out the same
 * ACLs, and a test keeps the two equal (docs/architecture.md, "Kafka principals").
 *
 * <p>
 * Each service produces only its own topic, reads only the topics it listens to,
 * dead-letters only to their twins and consumes only in its own groups. The gateway
 * listens in one group per replica ({@code gateway-<random
 * uuid>}) and dead-letters nothing (audit-service and notification-service do).
 * {@link #ADMIN} is the broker's own principal and the only super user; it creates
 * topics, users and ACLs and is never given to a service.
 */
public final class KafkaPrincipals {

	/**
	 * The broker's own principal (inter-broker and broker-to-controller) and the
	 * infrastructure's administrator.
	 */
	public static final String ADMIN = "admin";

	public static final KafkaPrincipal GATEWAY = new KafkaPrincipal("gateway", List.of(),
			List.of(Topics.SESSION_EVENTS, Topics.TOKEN_EVENTS), "gateway-");

	public static final KafkaPrincipal AUTH = KafkaPrincipal.service("auth-service", List.of(Topics.AUTH_EVENTS),
			List.of());

	public static final KafkaPrincipal SESSION = KafkaPrincipal.service("session-service",
			List.of(Topics.SESSION_EVENTS), List.of(Topics.AUTH_EVENTS));

	public static final KafkaPrincipal TOKEN = KafkaPrincipal.service("token-service", List.of(Topics.TOKEN_EVENTS),
			List.of(Topics.AUTH_EVENTS));

	public static final KafkaPrincipal NOTIFICATION = KafkaPrincipal.service("notification-service", List.of(),
			Topics.ALL);

	public static final KafkaPrincipal AUDIT = KafkaPrincipal.service("audit-service", List.of(), Topics.ALL);

	/** Every service's principal: what a local run and a deployment create. */
	public static final List<KafkaPrincipal> SERVICES = List.of(GATEWAY, AUTH, SESSION, TOKEN, NOTIFICATION, AUDIT);

	/**
	 * The tests' own principal, for publishing events as a service would and reading any
	 * topic (groups {@code test-*}). Only test infrastructure has it; never a local run
	 * or a deployment.
	 */
	public static final KafkaPrincipal TEST = new KafkaPrincipal("warden-test", Topics.ALL, allTopics(), "test-");

	private KafkaPrincipals() {
	}

	/** Every service's principal and the tests' one. */
	public static List<KafkaPrincipal> servicesAndTests() {
		List<KafkaPrincipal> all = new ArrayList<>(SERVICES);
		all.add(TEST);
		return List.copyOf(all);
	}

	public static Optional<KafkaPrincipal> named(String name) {
		return servicesAndTests().stream().filter((principal) -> principal.name().equals(name)).findFirst();
	}

	/**
	 * Every ACL of the services, as the broker of a local run or deployment must hold
	 * them.
	 */
	public static List<KafkaAcl> serviceAcls() {
		return SERVICES.stream().flatMap((principal) -> principal.acls().stream()).toList();
	}

	/** The event topics and their dead-letter twins, which the infrastructure creates. */
	public static List<String> allTopics() {
		List<String> topics = new ArrayList<>(Topics.ALL);
		Topics.ALL.forEach((topic) -> topics.add(Topics.deadLetterOf(topic)));
		return List.copyOf(topics);
	}

}
