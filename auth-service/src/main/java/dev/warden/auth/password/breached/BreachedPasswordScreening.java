package dev.warden.auth.password.breached;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.warden.auth.password.breached.BreachedPasswordProperties.Mode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Whether a password is among those known from breaches, by the k-anonymity range model:
 * the SHA-1 of the password (already NFKC-normalised, as it is hashed), the first five
 * hex characters asked for, the other 35 compared here. Neither the password, nor its
 * hash, nor the suffix is logged or sent; only counts of outcomes go to the metrics
 * ({@code warden.password.breached.checks}). A few ranges are cached, their suffixes only
 * as far as they reach the threshold.
 */
@Component
public class BreachedPasswordScreening {

	private static final Logger log = LoggerFactory.getLogger(BreachedPasswordScreening.class);

	private final Mode mode;

	private final int threshold;

	private final @Nullable RangeSource source;

	private final Clock clock;

	private final long cacheMillis;

	private final Map<String, Cached> cache;

	private final Counter breached;

	private final Counter clean;

	private final Counter unavailable;

	private final long pauseMillis;

	/** Until when no range is asked for, after a failure (epoch milliseconds). */
	private volatile long pausedUntil;

	public BreachedPasswordScreening(BreachedPasswordProperties properties, MeterRegistry meters, Clock clock) {
		this.mode = properties.effectiveMode();
		this.threshold = properties.threshold();
		this.source = source(properties);
		this.clock = clock;
		this.cacheMillis = properties.cacheLifetime().toMillis();
		this.pauseMillis = properties.pause().toMillis();
		int size = properties.cacheSize();
		this.cache = new LinkedHashMap<>(16, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
				return size() > size;
			}
		};
		this.breached = counter(meters, "breached");
		this.clean = counter(meters, "clean");
		this.unavailable = counter(meters, "unavailable");
	}

	private static @Nullable RangeSource source(BreachedPasswordProperties properties) {
		if (properties.directory() != null && !properties.directory().isBlank()) {
			return new DirectoryRangeSource(Path.of(properties.directory()));
		}
		if (properties.rangeUrl() != null && !properties.rangeUrl().isBlank()) {
			return new HttpRangeSource(properties.rangeUrl(), properties.timeout());
		}
		return null;
	}

	private static Counter counter(MeterRegistry meters, String outcome) {
		return Counter.builder("warden.password.breached.checks")
			.description("Passwords screened against the breached-password ranges, by outcome")
			.tag("outcome", outcome)
			.register(meters);
	}

	public Mode mode() {
		return this.mode;
	}

	/** What the ranges say of this password (NFKC-normalised already). */
	public Verdict check(String password) {
		RangeSource from = this.source;
		if (this.mode == Mode.OFF || from == null || password.isEmpty()) {
			return Verdict.NOT_CHECKED;
		}
		String hash = sha1(password);
		String prefix = hash.substring(0, 5);
		Set<String> suffixes;
		try {
			suffixes = suffixes(from, prefix);
		}
		catch (Paused ex) {
			this.unavailable.increment();
			return Verdict.UNAVAILABLE;
		}
		catch (IOException | RuntimeException ex) {
			this.unavailable.increment();
			long now = this.clock.millis();
			if (now >= this.pausedUntil) {
				// Once per pause, not once per sign-in.
				log.warn("Breached-password range not available ({}): {} for {}", ex.getClass().getSimpleName(),
						this.mode == Mode.FAIL_CLOSED ? "new passwords refused" : "passwords let through",
						this.pauseMillis + " ms");
			}
			this.pausedUntil = now + this.pauseMillis;
			return Verdict.UNAVAILABLE;
		}
		if (suffixes.contains(hash.substring(5))) {
			this.breached.increment();
			return Verdict.BREACHED;
		}
		this.clean.increment();
		return Verdict.CLEAN;
	}

	private Set<String> suffixes(RangeSource from, String prefix) throws IOException {
		Instant now = this.clock.instant();
		synchronized (this.cache) {
			Cached cached = this.cache.get(prefix);
			if (cached != null && now.toEpochMilli() - cached.fetchedAt() < this.cacheMillis) {
				return cached.suffixes();
			}
		}
		if (now.toEpochMilli() < this.pausedUntil) {
			throw new Paused();
		}
		Set<String> parsed = parse(from.range(prefix));
		synchronized (this.cache) {
			this.cache.put(prefix, new Cached(parsed, now.toEpochMilli()));
		}
		return parsed;
	}

	/**
	 * The suffixes that reach the threshold; padding lines (count 0) and anything
	 * malformed are left out.
	 */
	private Set<String> parse(String range) throws IOException {
		Set<String> suffixes = new HashSet<>();
		int lines = 0;
		for (String line : range.split("\r?\n")) {
			int colon = line.indexOf(':');
			if (colon != 35) {
				continue;
			}
			try {
				long count = Long.parseLong(line.substring(colon + 1).strip());
				lines++;
				if (count >= this.threshold) {
					suffixes.add(line.substring(0, colon).toUpperCase(Locale.ROOT));
				}
			}
			catch (NumberFormatException ex) {
				// Not a range line.
			}
		}
		if (lines == 0) {
			// Every real range has hundreds of lines: an empty page, an error page or a
			// captive portal's answer is no range, and must not read as "clean".
			throw new IOException("no range lines in the answer");
		}
		return Set.copyOf(suffixes);
	}

	private static String sha1(String password) {
		try {
			return HexFormat.of()
				.withUpperCase()
				.formatHex(MessageDigest.getInstance("SHA-1").digest(password.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record Cached(Set<String> suffixes, long fetchedAt) {
	}

	/** No range asked for: the pause after a failure is not over. */
	private static final class Paused extends IOException {

		private static final long serialVersionUID = 1L;

		Paused() {
			super("paused after a failure");
		}

	}

	/** What screening found. */
	public enum Verdict {

		/** Screening is off. */
		NOT_CHECKED,
		/** In the ranges, at least the threshold's times. */
		BREACHED,
		/** Not in the ranges. */
		CLEAN,
		/** The range could not be had. */
		UNAVAILABLE

	}

}
