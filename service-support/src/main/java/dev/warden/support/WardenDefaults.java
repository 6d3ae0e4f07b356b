package dev.warden.support;

import java.io.IOException;
import java.io.UncheckedIOException;

import dev.warden.startup.ManagementPortDefault;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds the settings every service shares (actuator exposure on the management port,
 * health groups, Kafka client safety, tracing, infrastructure addresses) as the
 * lowest-precedence property source, so each service's own {@code application.yml} stays
 * small and can still override any of them.
 */
public final class WardenDefaults implements EnvironmentPostProcessor {

	static final String RESOURCE = "warden-defaults.properties";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		try {
			new PropertiesPropertySourceLoader().load("warden-defaults", new ClassPathResource(RESOURCE))
				.forEach(environment.getPropertySources()::addLast);
			ManagementPortDefault.addTo(environment);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
