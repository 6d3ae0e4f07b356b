package dev.warden.startup;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Refuses settings no service may start with: a {@code warden.*} property or {@code WARDEN_*} variable still
 * holding a {@code CHANGE-ME} placeholder (from {@code .env.example}), and an internal key that is short or does
 * not look random. Messages name the setting, never its value. Shared by the servlet services (through
 * service-support) and the gateway.
 */
public final class SecretsCheck {

	static final String PLACEHOLDER = "CHANGE-ME";

	static final String INTERNAL_KEY = "warden.internal.key";

	static final int MIN_KEY_LENGTH = 32;

	static final int MIN_DISTINCT = 16;

	private SecretsCheck() {
	}

	/** Every problem with these settings (name to raw value), as messages naming the setting; empty when fine. */
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

	/** Why this internal key is too weak, or {@code null} when it is long and random-looking (or not set). */
	public static String weakInternalKey(String key) {
		if (key == null || key.isEmpty() || key.toUpperCase(Locale.ROOT).contains(PLACEHOLDER)) {
			return null; // not set: internal calls are refused; a placeholder is reported as such
		}
		if (key.length() < MIN_KEY_LENGTH) {
			return "WARDEN_INTERNAL_KEY (" + INTERNAL_KEY + ") is shorter than " + MIN_KEY_LENGTH + " characters";
		}
		if (key.chars().distinct().count() < MIN_DISTINCT) {
			return "WARDEN_INTERNAL_KEY (" + INTERNAL_KEY + ") has fewer than " + MIN_DISTINCT
					+ " different characters: it does not look random";
		}
		if (classes(key) < 2) {
			return "WARDEN_INTERNAL_KEY (" + INTERNAL_KEY + ") is made of one kind of character only"
					+ " (all lower-case, all upper-case, all digits...): it does not look random";
		}
		return null;
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
		List<String> problems = new ArrayList<>(problems(settings));
		String weak = weakInternalKey(environment.getProperty(INTERNAL_KEY));
		if (weak != null) {
			problems.add(weak + "; use at least " + MIN_KEY_LENGTH
					+ " random characters (deploy/new-secrets.sh prints one)");
		}
		if (!problems.isEmpty()) {
			throw new IllegalStateException("Refusing to start: " + String.join("; ", problems));
		}
	}

	private static boolean isWarden(String name) {
		return name.startsWith("warden.") || name.startsWith("WARDEN_");
	}

	private static int classes(String key) {
		boolean lower = false;
		boolean upper = false;
		boolean digit = false;
		boolean other = false;
		for (int i = 0; i < key.length(); i++) {
			char c = key.charAt(i);
			if (Character.isLowerCase(c)) {
				lower = true;
			}
			else if (Character.isUpperCase(c)) {
				upper = true;
			}
			else if (Character.isDigit(c)) {
				digit = true;
			}
			else {
				other = true;
			}
		}
		return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
	}
}
