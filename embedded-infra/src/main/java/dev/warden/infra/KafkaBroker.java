package dev.warden.infra;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-node Kafka server in KRaft mode (broker and controller in one, as the apache/kafka image runs
 * it), in this JVM. Unlike Spring Kafka's test broker it listens on the port it is given, keeps its log in a
 * chosen directory, and can be stopped and started again on the same port, which outage tests need.
 */
public final class KafkaBroker implements AutoCloseable {

	private static final String CONTROLLER = "CONTROLLER";

	private final KafkaConfig config;

	private final Path logDirectory;

	private final boolean temporary;

	private final int port;

	private KafkaRaftServer server;

	private KafkaBroker(KafkaConfig config, Path logDirectory, boolean temporary, int port) {
		this.config = config;
		this.logDirectory = logDirectory;
		this.temporary = temporary;
		this.port = port;
	}

	/** Starts a broker; {@code port} 0 picks a free one, {@code logDirectory} null uses a throw-away directory. */
	public static KafkaBroker start(int port, int partitions, Path logDirectory) {
		try {
			boolean temporary = logDirectory == null;
			Path directory = temporary ? Files.createTempDirectory("warden-kafka") : logDirectory;
			Files.createDirectories(directory);
			int brokerPort = FreePorts.orFree(port);
			int controllerPort = FreePorts.next();
			KafkaBroker broker = new KafkaBroker(config(brokerPort, controllerPort, partitions, directory), directory,
					temporary, brokerPort);
			broker.format();
			broker.startServer();
			return broker;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Kafka did not start", ex);
		}
	}

	public static KafkaBroker start(int port, int partitions) {
		return start(port, partitions, null);
	}

	public String bootstrapServers() {
		return "localhost:" + this.port;
	}

	public int port() {
		return this.port;
	}

	/** Stops the broker, keeping its data, for tests of what happens while Kafka is down. */
	public synchronized void stop() {
		if (this.server != null) {
			this.server.shutdown();
			this.server.awaitShutdown();
			this.server = null;
		}
	}

	/** Starts it again, on the same port and with the same data, after {@link #stop()}. */
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
				.setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
				.run();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not format the Kafka log directory", ex);
		}
	}

	private static KafkaConfig config(int brokerPort, int controllerPort, int partitions, Path directory) {
		Properties props = new Properties();
		props.put("process.roles", "broker,controller");
		props.put("node.id", "1");
		props.put("controller.quorum.voters", "1@localhost:" + controllerPort);
		props.put("listeners", "PLAINTEXT://localhost:" + brokerPort + "," + CONTROLLER + "://localhost:" + controllerPort);
		props.put("advertised.listeners", "PLAINTEXT://localhost:" + brokerPort);
		props.put("controller.listener.names", CONTROLLER);
		props.put("inter.broker.listener.name", "PLAINTEXT");
		props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER + ":PLAINTEXT");
		props.put("log.dirs", directory.toString());
		props.put("num.partitions", String.valueOf(partitions));
		props.put("offsets.topic.replication.factor", "1");
		props.put("offsets.topic.num.partitions", "5");
		props.put("transaction.state.log.replication.factor", "1");
		props.put("transaction.state.log.min.isr", "1");
		props.put("share.coordinator.state.topic.replication.factor", "1");
		props.put("share.coordinator.state.topic.min.isr", "1");
		// Topics are created by the services with their dead-letter twins; no silent auto-creation.
		props.put("auto.create.topics.enable", "false");
		props.put("group.initial.rebalance.delay.ms", "0");
		// One node: no leadership to hand over, so no controlled shutdown (which otherwise waits on itself).
		props.put("controlled.shutdown.enable", "false");
		props.put("log.cleaner.dedupe.buffer.size", "2097152");
		return new KafkaConfig(props);
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
