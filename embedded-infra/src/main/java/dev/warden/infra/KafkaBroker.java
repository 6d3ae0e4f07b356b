package dev.warden.infra;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import dev.warden.infra.kafka.KafkaClientSecurity;
import dev.warden.infra.kafka.KafkaCredentials;
import dev.warden.infra.kafka.KafkaPrincipals;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.jspecify.annotations.Nullable;

/**
 * A real single-node Kafka server in KRaft mode (broker and controller in one, as the
 * apache/kafka image runs it), in this JVM. Unlike Spring Kafka's test broker it listens
 * on the port it is given, keeps its log in a chosen directory, and can be stopped and
 * started again on the same port, which outage tests need.
 *
 * <p>
 * Secured as in a deployment: clients sign in with SASL/SCRAM-SHA-512 on SASL_PLAINTEXT
 * (loopback only; TLS is a deployment's concern), the {@code StandardAuthorizer} denies
 * whatever no ACL allows, and the only super user is {@link KafkaPrincipals#ADMIN}, the
 * broker's own principal, whose SCRAM credential is written into the metadata when the
 * log directory is formatted. The controller listener signs the broker in with SASL/PLAIN
 * (KRaft controllers cannot check SCRAM: their credentials live in the metadata they
 * serve), so no unauthenticated connection is ever a super user.
 * {@link dev.warden.infra.kafka.KafkaAccess} then adds the services' users, ACLs and
 * topics.
 */
public final class KafkaBroker implements AutoCloseable {

	private static final String CONTROLLER = "CONTROLLER";

	private static final String BROKER = "BROKER";

	private final KafkaConfig config;

	private final Path logDirectory;

	private final boolean temporary;

	private final int port;

	private final String adminPassword;

	private @Nullable KafkaRaftServer server;

	private KafkaBroker(KafkaConfig config, Path logDirectory, boolean temporary, int port, String adminPassword) {
		this.config = config;
		this.logDirectory = logDirectory;
		this.temporary = temporary;
		this.port = port;
		this.adminPassword = adminPassword;
	}

	/**
	 * Starts a broker; {@code port} 0 picks a free one, {@code logDirectory} null uses a
	 * throw-away directory. A directory formatted before keeps the administrator's
	 * password it was formatted with.
	 */
	public static KafkaBroker start(int port, int partitions, @Nullable Path logDirectory, String adminPassword) {
		try {
			boolean temporary = logDirectory == null;
			Path directory = (logDirectory != null) ? logDirectory : Files.createTempDirectory("warden-kafka");
			Files.createDirectories(directory);
			int brokerPort = FreePorts.orFree(port);
			int controllerPort = FreePorts.next();
			KafkaBroker broker = new KafkaBroker(
					config(brokerPort, controllerPort, partitions, directory, adminPassword), directory, temporary,
					brokerPort, adminPassword);
			broker.format();
			broker.startServer();
			return broker;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Kafka did not start", ex);
		}
	}

	/**
	 * A broker of a test's own, with a fresh administrator password and no other user.
	 */
	public static KafkaBroker start(int port, int partitions) {
		return start(port, partitions, null, KafkaCredentials.randomPassword());
	}

	public String bootstrapServers() {
		return "localhost:" + this.port;
	}

	public int port() {
		return this.port;
	}

	/**
	 * Client properties of the broker's super user: for setting the broker up, and for
	 * tests of a broker of their own.
	 */
	public Map<String, Object> adminClientProperties() {
		return KafkaClientSecurity.scram(bootstrapServers(), KafkaPrincipals.ADMIN, this.adminPassword);
	}

	/**
	 * Stops the broker, keeping its data, for tests of what happens while Kafka is down.
	 */
	public synchronized void stop() {
		if (this.server != null) {
			this.server.shutdown();
			this.server.awaitShutdown();
			this.server = null;
		}
	}

	/**
	 * Starts it again, on the same port and with the same data, after {@link #stop()}.
	 */
	public synchronized void restart() {
		if (this.server == null) {
			startServer();
		}
	}

	@Override
	public void close() {
		stop();
		if (this.temporary) {
			deleteQuietly(this.logDirectory);
		}
	}

	private synchronized void startServer() {
		KafkaRaftServer started = new KafkaRaftServer(this.config, Time.SYSTEM);
		started.startup();
		this.server = started;
	}

	private void format() {
		if (Files.exists(this.logDirectory.resolve("meta.properties"))) {
			return;
		}
		try {
			new Formatter().setNodeId(1)
				.setClusterId(Uuid.randomUuid().toString())
				.setDirectories(List.of(this.logDirectory.toString()))
				.setMetadataLogDirectory(this.logDirectory.toString())
				.setControllerListenerName(CONTROLLER)
				.setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
				.setScramArguments(List.of(KafkaClientSecurity.MECHANISM + "=[name=" + KafkaPrincipals.ADMIN
						+ ",password=" + this.adminPassword + "]"))
				.setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
				.run();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not format the Kafka log directory", ex);
		}
	}

	private static KafkaConfig config(int brokerPort, int controllerPort, int partitions, Path directory,
			String adminPassword) {
		Properties props = new Properties();
		props.put("process.roles", "broker,controller");
		props.put("node.id", "1");
		props.put("controller.quorum.voters", "1@localhost:" + controllerPort);
		props.put("listeners",
				BROKER + "://localhost:" + brokerPort + "," + CONTROLLER + "://localhost:" + controllerPort);
		props.put("advertised.listeners", BROKER + "://localhost:" + brokerPort);
		props.put("controller.listener.names", CONTROLLER);
		props.put("inter.broker.listener.name", BROKER);
		props.put("listener.security.protocol.map", BROKER + ":SASL_PLAINTEXT," + CONTROLLER + ":SASL_PLAINTEXT");
		security(props, adminPassword);
		props.put("log.dirs", directory.toString());
		props.put("num.partitions", String.valueOf(partitions));
		props.put("offsets.topic.replication.factor", "1");
		props.put("offsets.topic.num.partitions", "5");
		props.put("transaction.state.log.replication.factor", "1");
		props.put("transaction.state.log.min.isr", "1");
		props.put("share.coordinator.state.topic.replication.factor", "1");
		props.put("share.coordinator.state.topic.min.isr", "1");
		// Topics are created with their dead-letter twins by the infrastructure's set-up;
		// no silent auto-creation.
		props.put("auto.create.topics.enable", "false");
		props.put("group.initial.rebalance.delay.ms", "0");
		// One node: no leadership to hand over, so no controlled shutdown (which
		// otherwise waits on itself).
		props.put("controlled.shutdown.enable", "false");
		props.put("log.cleaner.dedupe.buffer.size", "2097152");
		return new KafkaConfig(props);
	}

	/**
	 * SCRAM for clients and between brokers, PLAIN towards the controller, ACLs enforced,
	 * one super user.
	 */
	private static void security(Properties props, String adminPassword) {
		String broker = "listener.name." + BROKER.toLowerCase(java.util.Locale.ROOT) + ".";
		String controller = "listener.name." + CONTROLLER.toLowerCase(java.util.Locale.ROOT) + ".";
		props.put(broker + "sasl.enabled.mechanisms", KafkaClientSecurity.MECHANISM);
		props.put(broker + "scram-sha-512.sasl.jaas.config",
				KafkaClientSecurity.jaas(KafkaPrincipals.ADMIN, adminPassword));
		props.put("sasl.mechanism.inter.broker.protocol", KafkaClientSecurity.MECHANISM);
		props.put(controller + "sasl.enabled.mechanisms", "PLAIN");
		props.put(controller + "plain.sasl.jaas.config",
				"org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + KafkaPrincipals.ADMIN
						+ "\" password=\"" + adminPassword + "\" user_" + KafkaPrincipals.ADMIN + "=\"" + adminPassword
						+ "\";");
		props.put("sasl.mechanism.controller.protocol", "PLAIN");
		props.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
		props.put("allow.everyone.if.no.acl.found", "false");
		props.put("super.users", "User:" + KafkaPrincipals.ADMIN);
	}

	private static void deleteQuietly(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// A leftover temp directory is harmless.
		}
	}

}
