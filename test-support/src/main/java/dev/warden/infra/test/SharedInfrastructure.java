package dev.warden.infra.test;

import java.util.Locale;

import dev.warden.infra.ContainerInfrastructure;
import dev.warden.infra.EmbeddedInfrastructure;
import dev.warden.infra.InfrastructureSettings;
import dev.warden.infra.RedisAcl;
import dev.warden.infra.TestInfrastructure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * The infrastructure of one test JVM: started on first use, shared by every test and
 * Spring context in that JVM, stopped when the JVM exits. Which kind is chosen once,
 * here, by the system property (or environment variable {@code WARDEN_TEST_INFRA})
 * {@code warden.test.infra}: {@code embedded} (the default: servers from Maven artifacts,
 * no Docker needed), {@code containers} (Testcontainers), or {@code auto} (containers
 * when a Docker engine answers, embedded otherwise). Redis lets in each service's user
 * and {@link RedisAcl#TEST}, each with a password made up for this JVM.
 */
public final class SharedInfrastructure {

	static final String PROPERTY = "warden.test.infra";

	private static final Logger log = LoggerFactory.getLogger(SharedInfrastructure.class);

	private static volatile TestInfrastructure instance;

	private SharedInfrastructure() {
	}

	public static TestInfrastructure get() {
		TestInfrastructure current = instance;
		if (current == null) {
			synchronized (SharedInfrastructure.class) {
				current = instance;
				if (current == null) {
					current = start(mode());
					Runtime.getRuntime().addShutdownHook(new Thread(current::close, "test-infra-stop"));
					instance = current;
				}
			}
		}
		return current;
	}

	/** The password of every service database's owner login in tests. */
	static final String DATABASE_OWNER_PASSWORD = "test-owner-password";

	private static final java.util.Set<String> ownedDatabases = java.util.concurrent.ConcurrentHashMap.newKeySet();

	/**
	 * The login a service under test connects with to its database (user = the database's
	 * name), created the first time it is asked for, as a deployment has it: never the
	 * superuser.
	 */
	public static String databaseOwnerPassword(String database) {
		if (ownedDatabases.add(database)) {
			get().ensureDatabaseOwner(database, DATABASE_OWNER_PASSWORD);
		}
		return DATABASE_OWNER_PASSWORD;
	}

	static Mode mode() {
		String configured = System.getProperty(PROPERTY, System.getenv().getOrDefault("WARDEN_TEST_INFRA", "embedded"));
		Mode mode = Mode.valueOf(configured.trim().toUpperCase(Locale.ROOT));
		if (mode == Mode.AUTO) {
			return dockerAvailable() ? Mode.CONTAINERS : Mode.EMBEDDED;
		}
		return mode;
	}

	private static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException | LinkageError ex) {
			return false;
		}
	}

	private static TestInfrastructure start(Mode mode) {
		log.info("Test infrastructure: {}", mode.name().toLowerCase(Locale.ROOT));
		InfrastructureSettings settings = InfrastructureSettings.ephemeral().withRedisUser(RedisAcl.TEST);
		return switch (mode) {
			case CONTAINERS -> ContainerInfrastructure.start(settings.databases(), settings.redisPasswords());
			default -> EmbeddedInfrastructure.start(settings);
		};
	}

	/** How the servers are provided. */
	enum Mode {

		EMBEDDED, CONTAINERS, AUTO

	}

}
