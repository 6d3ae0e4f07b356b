package dev.warden.audit.chain;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;
import org.jspecify.annotations.Nullable;

/**
 * The newest link this instance has written or verified, kept in memory, out of reach of
 * a writer of the database: a log whose tail was cut since no longer holds it. Also
 * published as the gauge {@code warden.audit.chain.head} (its {@code seq}), so a
 * monitoring system that keeps history sees the head go backwards. Starts from the
 * database's head at start-up (trust on first use) and only moves forward; a cut found
 * while appending is kept, so entries appended after the cut do not hide it. Each replica
 * keeps its own. Also publishes how many of the oldest entries are linked without a key
 * ({@code warden.audit.chain.legacy}).
 */
@Component
public final class ChainCheckpoint {

	private final AtomicReference<Head> head = new AtomicReference<>();

	private final AtomicReference<Head> lost = new AtomicReference<>();

	private final AtomicLong legacyRows = new AtomicLong();

	ChainCheckpoint(MeterRegistry meters) {
		Gauge.builder("warden.audit.chain.head", this, (checkpoint) -> {
			Head current = checkpoint.head.get();
			return current == null ? 0 : current.seq();
		})
			.description("Sequence number of the newest security-log entry this instance chained or verified")
			.register(meters);
		Gauge.builder("warden.audit.chain.legacy", this.legacyRows, AtomicLong::get)
			.description("Oldest security-log entries linked without a chain key (plain SHA-256), as last counted;"
					+ " after the upgrade it can only fall (retention): a rise means rows were stripped of their key id")
			.register(meters);
	}

	/**
	 * How many of the oldest entries are linked without a key, as counted at start or by
	 * the last verification.
	 */
	public void legacyRows(long count) {
		this.legacyRows.set(count);
	}

	/** Remembers {@code head} unless a newer one is already known. */
	public void advance(@Nullable Head next) {
		if (next == null) {
			return;
		}
		this.head.accumulateAndGet(next, (known, given) -> known == null || given.seq() > known.seq() ? given : known);
	}

	/** The newest known link, or {@code null} before the first. */
	public @Nullable Head head() {
		return this.head.get();
	}

	/**
	 * What verification must find: the link found missing from the log (kept even as new
	 * entries are appended after the cut), else the newest known link.
	 */
	public Expectation expected() {
		Head missing = this.lost.get();
		return new Expectation(missing != null ? missing : this.head.get(), missing);
	}

	/**
	 * The newest known link is no longer in the log: remembered until a verification
	 * finds the log whole again.
	 */
	public void lose() {
		this.lost.compareAndSet(null, this.head.get());
	}

	/**
	 * A verification that started from {@code walkedAgainst} found the log whole up to
	 * {@code verified}. Only the loss that walk checked is forgotten: one recorded while
	 * it ran (an append found the tail cut after the walk's snapshot) stays until a later
	 * verification covers it.
	 */
	public void verified(@Nullable Head verified, Expectation walkedAgainst) {
		this.lost.compareAndSet(walkedAgainst.lost(), null);
		advance(verified);
	}

	/**
	 * What a verification starts from: the link it must find ({@code head}) and the loss
	 * it checks, if any ({@code lost}, the same instance the checkpoint holds, so it can
	 * be cleared only if still the one recorded).
	 */
	public record Expectation(@Nullable Head head, @Nullable Head lost) {
	}

	/** A link of the chain: the entry's {@code seq}, its event id and its chain value. */
	public record Head(long seq, String eventId, String chainValue) {
	}

}
