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
 */
@ConfigurationProperties("warden.password.breached")
public record BreachedPasswordProperties(@Nullable String rangeUrl, @Nullable String directory, @Nullable String mode,
		Integer threshold, Duration timeout, Integer cacheSize, Duration cacheLifetime) {

	public BreachedPasswordProperties {
		threshold = threshold == null ? 1 : threshold;
		timeout = timeout == null ? Duration.ofSeconds(2) : timeout;
		cacheSize = cacheSize == null ? 64 : cacheSize;
		cacheLifetime = cacheLifetime == null ? Duration.ofHours(1) : cacheLifetime;
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
