package dev.warden.startup;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertyResolver;
import org.springframework.core.env.PropertySource;
import org.jspecify.annotations.Nullable;

/**
 * The management server's default port: the service's own port + 1000 (gateway 8080 →
 * 9080, auth-service 8081 → 9081 ...), or a random one when the service takes a random
 * port (0, as tests do). Computed when asked, from the {@code server.port} in force then,
 * and of lowest precedence: {@code management.server.port}
 * ({@code MANAGEMENT_SERVER_PORT}) set anywhere wins.
 */
public final class ManagementPortDefault extends PropertySource<Object> {

	public static final String NAME = "warden-management-port";

	static final String PROPERTY = "management.server.port";

	static final int OFFSET = 1000;

	/**
	 * Not the source object: Spring Boot walks into property sources whose source is an
	 * environment, which would be this same environment again.
	 */
	private final PropertyResolver environment;

	public ManagementPortDefault(ConfigurableEnvironment environment) {
		super(NAME, new Object());
		this.environment = environment;
	}

	@Override
	public @Nullable Object getProperty(String name) {
		if (!PROPERTY.equals(name)) {
			return null;
		}
		String server = this.environment.getProperty("server.port", "8080").trim();
		int port = Integer.parseInt(server);
		return port <= 0 ? "0" : String.valueOf(port + OFFSET);
	}

	/** Adds the default after every other source of {@code environment}, once. */
	public static void addTo(ConfigurableEnvironment environment) {
		if (!environment.getPropertySources().contains(NAME)) {
			environment.getPropertySources().addLast(new ManagementPortDefault(environment));
		}
	}

}
