package dev.warden.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service running in its own JVM, as in production, with its output in a log file.
 */
public final class ServiceProcess implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final WardenService service;

	private final int instance;

	private final int port;

	private final int managementPort;

	private final Process process;

	private final Path log;

	private final java.util.function.Supplier<ServiceProcess> launcher;

	private ServiceProcess(WardenService service, int instance, int port, int managementPort, Process process, Path log,
			java.util.function.Supplier<ServiceProcess> launcher) {
		this.service = service;
		this.instance = instance;
		this.port = port;
		this.managementPort = managementPort;
		this.process = process;
		this.log = log;
		this.launcher = launcher;
	}

	static ServiceProcess start(WardenService service, Path jar, int port, int managementPort,
			Map<String, String> environment, List<String> jvmOptions, Path logDirectory) {
		return start(service, 1, jar, port, managementPort, environment, jvmOptions, logDirectory);
	}

	/**
	 * Starts instance {@code instance} (1 for the first) of the service; replicas after
	 * the first log to {@code <module>-<instance>.log}.
	 */
	static ServiceProcess start(WardenService service, int instance, Path jar, int port, int managementPort,
			Map<String, String> environment, List<String> jvmOptions, Path logDirectory) {
		try {
			Files.createDirectories(logDirectory);
			Path log = logDirectory.resolve(name(service, instance) + ".log");
			List<String> command = new ArrayList<>();
			command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
			command.addAll(jvmOptions);
			command.add("-jar");
			command.add(jar.toString());
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
			// What the launcher was started with reaches each service (settings such as
			// WARDEN_SESSION_*), except the
			// secrets: each service gets its own from the suite and no other's.
			builder.environment().keySet().removeIf((name) -> !ServiceCredentials.mayHold(service, name));
			builder.environment().putAll(environment);
			builder.environment().putAll(listening(port, managementPort));
			return new ServiceProcess(service, instance, port, managementPort, builder.start(), log,
					() -> start(service, instance, jar, port, managementPort, environment, jvmOptions, logDirectory));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + service.module(), ex);
		}
	}

	/**
	 * Runs the service's jar once as a command ({@code args}), with the environment it
	 * runs with but on ports of its own, until it exits; returns its exit status and what
	 * it printed.
	 */
	static CommandResult runCommand(WardenService service, Path jar, Map<String, String> environment,
			List<String> args) {
		try {
			List<String> command = new ArrayList<>(List
				.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
			command.addAll(args);
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
			builder.environment().keySet().removeIf((name) -> !ServiceCredentials.mayHold(service, name));
			builder.environment().putAll(environment);
			builder.environment().putAll(listening(0, 0));
			Process process = builder.start();
			String output = new String(process.getInputStream().readAllBytes(),
					java.nio.charset.StandardCharsets.UTF_8);
			return new CommandResult(process.waitFor(), output);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not run " + service.module(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while " + service.module() + " ran", ex);
		}
	}

	/** What a command run of a service ended with. */
	record CommandResult(int status, String output) {
	}

	/**
	 * Where a service of the suite listens: its ports, on the loopback interface only.
	 */
	static Map<String, String> listening(int port, int managementPort) {
		return Map.of("SERVER_PORT", String.valueOf(port), "SERVER_ADDRESS", SuiteOptions.LOOPBACK,
				"MANAGEMENT_SERVER_PORT", String.valueOf(managementPort), "MANAGEMENT_SERVER_ADDRESS",
				SuiteOptions.LOOPBACK);
	}

	public WardenService service() {
		return this.service;
	}

	/** Which replica of its service this is: 1 for the first. */
	public int instance() {
		return this.instance;
	}

	/**
	 * The module's name, with the instance number after the first
	 * ({@code session-service-2}).
	 */
	public String name() {
		return name(this.service, this.instance);
	}

	static String name(WardenService service, int instance) {
		return instance == 1 ? service.module() : service.module() + "-" + instance;
	}

	public int port() {
		return this.port;
	}

	/**
	 * Health, readiness and metrics:
	 * {@code http://127.0.0.1:<management port>/actuator/...}.
	 */
	public int managementPort() {
		return this.managementPort;
	}

	public Path log() {
		return this.log;
	}

	public long pid() {
		return this.process.pid();
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	/** Whether the readiness probe (on the management port) answers UP right now. */
	public boolean isReady() {
		try {
			HttpResponse<Void> response = HTTP.send(HttpRequest
				.newBuilder(URI.create(
						"http://" + SuiteOptions.LOOPBACK + ":" + this.managementPort + "/actuator/health/readiness"))
				.timeout(Duration.ofSeconds(2))
				.build(), HttpResponse.BodyHandlers.discarding());
			return response.statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** The last lines of the service's log, to explain a failed start. */
	public String tail(int lines) {
		try {
			List<String> all = Files.readAllLines(this.log);
			return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	/**
	 * Kills the service without warning (SIGKILL, as {@code kill -9} or an OOM killer
	 * would): no shutdown hook, no graceful end of a batch or transaction.
	 */
	public void kill() {
		try {
			this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Starts the service again, with the same jar, port, environment and log, after it
	 * stopped or was killed.
	 */
	public ServiceProcess relaunch() {
		if (this.process.isAlive()) {
			throw new IllegalStateException(this.service.module() + " is still running");
		}
		return this.launcher.get();
	}

	/**
	 * Asks the service to stop (SIGTERM, graceful shutdown), then kills it if it takes
	 * too long.
	 */
	@Override
	public void close() {
		if (!this.process.isAlive()) {
			return;
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

}
