package dev.warden.launcher;

import java.util.Objects;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.warden.infra.FreePorts;
import dev.warden.infra.InfrastructureSettings;

/**
 * How to run the suite.
 *
 * @param root the checkout, where each service's jar is under {@code <module>/target}
 * @param infrastructure which embedded servers to start, and where
 * @param external settings of infrastructure provided from outside
 * ({@code WARDEN_POSTGRES_URL}...)
 * @param ports the port of each service
 * @param environment extra environment for every service (secrets such as the signing
 * key, admin password)
 * @param jvmOptions options of each service JVM
 * @param logDirectory where each service writes {@code <module>.log}
 * @param services the services to start (all six for the suite; fewer for a benchmark of
 * one)
 * @param managementPorts the management port of each service (health, metrics); a service
 * not in it gets its port + 1000 when it runs on its default port, a free port otherwise
 * @param classDataSharing whether each service runs extracted, with a class data sharing
 * archive its first run writes ({@link ClassDataSharing})
 */
public record SuiteOptions(Path root, InfrastructureSettings infrastructure, Map<String, String> external,
		Map<WardenService, Integer> ports, Map<String, String> environment, List<String> jvmOptions, Path logDirectory,
		Set<WardenService> services, Map<WardenService, Integer> managementPorts, boolean classDataSharing) {

	/** Without class data sharing: every start reads each class afresh. */
	public SuiteOptions(Path root, InfrastructureSettings infrastructure, Map<String, String> external,
			Map<WardenService, Integer> ports, Map<String, String> environment, List<String> jvmOptions,
			Path logDirectory, Set<WardenService> services, Map<WardenService, Integer> managementPorts) {
		this(root, infrastructure, external, ports, environment, jvmOptions, logDirectory, services, managementPorts,
				false);
	}

	/**
	 * Every service and embedded server listens on this address only: nothing of a local
	 * run is on the network.
	 */
	public static final String LOOPBACK = "127.0.0.1";

	/**
	 * How far a service's management port is from its port by default (gateway 8080,
	 * management 9080).
	 */
	public static final int MANAGEMENT_PORT_OFFSET = 1000;

	/**
	 * Default JVM options: small heaps and serial GC, so six JVMs fit a laptop or a
	 * 2-core CI box, and the C1 compiler only, because six JVMs starting at once spend
	 * most of their start-up compiling (measured here: 64 s to all-ready with C2, 44 s
	 * without). Benchmarks set {@code WARDEN_JAVA_OPTS} without it.
	 */
	public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC",
			"-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError", "-Xss512k");

	public SuiteOptions {
		external = Map.copyOf(external);
		ports = ports.isEmpty() ? new EnumMap<>(WardenService.class) : new EnumMap<>(ports);
		environment = Map.copyOf(environment);
		jvmOptions = List.copyOf(jvmOptions);
		services = services.isEmpty() ? EnumSet.noneOf(WardenService.class) : EnumSet.copyOf(services);
		Map<WardenService, Integer> management = new EnumMap<>(WardenService.class);
		management.putAll(managementPorts);
		for (WardenService service : WardenService.values()) {
			int port = ports.getOrDefault(service, service.defaultPort());
			management.computeIfAbsent(service,
					(s) -> port == s.defaultPort() ? port + MANAGEMENT_PORT_OFFSET : FreePorts.next());
		}
		managementPorts = management;
	}

	/**
	 * Options whose management ports follow the default rule (see
	 * {@code managementPorts}).
	 */
	public SuiteOptions(Path root, InfrastructureSettings infrastructure, Map<String, String> external,
			Map<WardenService, Integer> ports, Map<String, String> environment, List<String> jvmOptions,
			Path logDirectory, Set<WardenService> services) {
		this(root, infrastructure, external, ports, environment, jvmOptions, logDirectory, services, Map.of());
	}

	public int port(WardenService service) {
		return this.ports.getOrDefault(service, service.defaultPort());
	}

	/**
	 * Where the service answers health, readiness and metrics (never routed by the
	 * gateway).
	 */
	public int managementPort(WardenService service) {
		return Objects.requireNonNull(this.managementPorts.get(service), service.module());
	}
}
