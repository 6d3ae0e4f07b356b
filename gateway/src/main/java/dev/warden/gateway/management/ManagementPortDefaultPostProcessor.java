package dev.warden.gateway.management;

import dev.warden.startup.ManagementPortDefault;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Puts the management port's default (gateway port + 1000) behind every other setting.
 */
public final class ManagementPortDefaultPostProcessor implements EnvironmentPostProcessor {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		ManagementPortDefault.addTo(environment);
	}

}
