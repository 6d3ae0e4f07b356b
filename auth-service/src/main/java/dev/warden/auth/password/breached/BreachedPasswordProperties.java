package dev.warden.auth.password.breached;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where breached-password ranges come from and what a failure to get one means
 * ({@code warden.password.breached.*}).
 *
 * @param rangeUrl the range API's base URL, the hash prefix appended to it
 * ({@code WARDEN_PASSWORD_BREACHED_RANGEURL}, e.g.
 * {@code https://api.pwnedpasswords.com/range/})
 * @param directory a directory of range files an operator downloaded, one per prefix in
 * the API's format ({@code WARDEN_PASSWORD_BREACHED_DIRECTORY}); used instead of the URL
 * @param mode {@code off}, {@code fail-open} (a range that cannot be had lets the
 * password through) or {@code fail-closed} (it refuses a new password until the range can
 * be had); default {@code off} without a source, {@code fail-open} with one
 * ({@code WARDEN_PASSWORD_BREACHED_MODE})
 * @param threshold how many breaches make a password breached
 * @param timeout how long to wait for a range
 * @param cacheSize how many ranges to keep (some 30 KB each)
 * @param cacheLifetime how long a range is kept
 * @param pause after a range could not be had, how long no range is asked for (each check
 * meanwhile is "unavailable" at once), so an unreachable source does not hold every
 * sign-in for its timeout
 */
@ConfigurationProperties("warden.password.breached")
public record BreachedPasswordProperties(@Nullable String rangeUrl, @Nullable String directory, @Nullable String mode,
		Integer threshold, Duration timeout, Integer cacheSize, Duration cacheLifetime, Duration pause) {

	public BreachedPasswordProperties {
		threshold = threshold == null ? 1 : threshold;
		timeout = timeout == null ? Duration.ofSeconds(2) : timeout;
		cacheSize = cacheSize == null ? 64 : cacheSize;
		cacheLifetime = cacheLifetime == null ? Duration.ofHours(1) : cacheLifetime;
		pause = pause == null ? Duration.ofSeconds(30) : pause;
		if (threshold < 1 || timeout.isNegative() || timeout.isZero() || cacheSize < 1 || pause.isNegative()) {
			throw new IllegalStateException("warden.password.breached: threshold and cache size at least 1, "
					+ "a positive timeout, a pause not negative");
		}
		if (rangeUrl != null && !rangeUrl.isBlank()) {
			checkRangeUrl(rangeUrl.strip());
		}
	}

	/**
	 * An absolute URL, over https unless to this machine: the prefix must not travel in
	 * clear, nor an answer be changed on the way.
	 */
	private static void checkRangeUrl(String url) {
		java.net.URI uri;
		try {
			uri = java.net.URI.create(url);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("WARDEN_PASSWORD_BREACHED_RANGEURL is not a URL: " + url);
		}
		String host = uri.getHost();
		boolean loopback = "localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
		if (host == null || !("https".equals(uri.getScheme()) || ("http".equals(uri.getScheme()) && loopback))) {
			throw new IllegalStateException(
					"WARDEN_PASSWORD_BREACHED_RANGEURL must be an https URL (http only to this machine): " + url);
		}
	}

	boolean hasSource() {
		return (this.rangeUrl != null && !this.rangeUrl.isBlank())
				|| (this.directory != null && !this.directory.isBlank());
	}

	/** The mode in force, from the setting and whether a source is configured. */
	Mode effectiveMode() {
		if (this.mode == null || this.mode.isBlank()) {
			return hasSource() ? Mode.FAIL_OPEN : Mode.OFF;
		}
		Mode chosen = switch (this.mode.strip().toLowerCase(java.util.Locale.ROOT)) {
			case "off" -> Mode.OFF;
			case "fail-open" -> Mode.FAIL_OPEN;
			case "fail-closed" -> Mode.FAIL_CLOSED;
			default -> throw new IllegalStateException(
					"WARDEN_PASSWORD_BREACHED_MODE: off, fail-open or fail-closed, not " + this.mode);
		};
		if (chosen != Mode.OFF && !hasSource()) {
			throw new IllegalStateException("WARDEN_PASSWORD_BREACHED_MODE is " + this.mode
					+ " but neither WARDEN_PASSWORD_BREACHED_RANGEURL nor WARDEN_PASSWORD_BREACHED_DIRECTORY is set");
		}
		return chosen;
	}

	/** What a range that cannot be had means. */
	public enum Mode {

		OFF, FAIL_OPEN, FAIL_CLOSED

	}

}
