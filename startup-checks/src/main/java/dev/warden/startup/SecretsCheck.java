package dev.warden.startup;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Refuses settings no service may start with: a {@code warden.*} property or
 * {@code WARDEN_*} variable still holding a {@code CHANGE-ME} placeholder (from
 * {@code .env.example}). Messages name the setting, never its value. Shared by the
 * servlet services (through service-support) and the gateway.
 */
public final class SecretsCheck {

	static final String PLACEHOLDER = "CHANGE-ME";

	private SecretsCheck() {
	}

	/**
	 * Every problem with these settings (name to raw value), as messages naming the
	 * setting; empty when fine.
	 */
	public static List<String> problems(Map<String, String> settings) {
		List<String> problems = new ArrayList<>();
		settings.forEach((name, value) -> {
			if (isWarden(name) && value != null && value.toUpperCase(Locale.ROOT).contains(PLACEHOLDER)) {
				problems.add(name + " still holds a " + PLACEHOLDER + " placeholder: set a real value"
						+ " (deploy/new-secrets.sh prints fresh secrets)");
			}
		});
		return problems;
	}

	/** Checks the environment a service starts with; throws naming each bad setting. */
	public static void check(ConfigurableEnvironment environment) {
		Map<String, String> settings = new java.util.LinkedHashMap<>();
		for (PropertySource<?> source : environment.getPropertySources()) {
			if (source instanceof EnumerablePropertySource<?> enumerable) {
				for (String name : enumerable.getPropertyNames()) {
					if (isWarden(name) && !settings.containsKey(name)) {
						Object value = enumerable.getProperty(name);
						settings.put(name, value == null ? null : value.toString());
					}
				}
			}
		}
		List<String> problems = problems(settings);
		if (!problems.isEmpty()) {
			throw new IllegalStateException("Refusing to start: " + String.join("; ", problems));
		}
	}

	private static boolean isWarden(String name) {
		return name.startsWith("warden.") || name.startsWith("WARDEN_");
	}

}
