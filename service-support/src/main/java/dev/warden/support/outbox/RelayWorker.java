package dev.warden.support.outbox;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import io.micrometer.core.instrument.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.jspecify.annotations.Nullable;

/**
 * The thread every outbox relay runs on: relays a batch, sleeps when there was less than
 * a batch (unless woken by a commit), and backs off after a failed round instead of
 * hammering a broker that is down. The relays themselves (JDBC table, Redis stream) only
 * say how one batch moves.
 */
public final class RelayWorker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(RelayWorker.class);

	private final String name;

	private final IntSupplier relayBatch;

	private final int batchSize;

	private final Duration idlePoll;

	private final Duration retryBackoff;

	private final Counter failures;

	private final Semaphore wakeUps = new Semaphore(0);

	private volatile boolean running;

	private volatile @Nullable Thread thread;

	public RelayWorker(String name, IntSupplier relayBatch, int batchSize, Duration idlePoll, Duration retryBackoff,
			Counter failures) {
		this.name = name;
		this.relayBatch = relayBatch;
		this.batchSize = batchSize;
		this.idlePoll = idlePoll;
		this.retryBackoff = retryBackoff;
		this.failures = failures;
	}

	/** Asks for a round now rather than at the next poll. */
	public void wakeUp() {
		if (this.wakeUps.availablePermits() == 0) {
			this.wakeUps.release();
		}
	}

	private void loop() {
		while (this.running) {
			try {
				if (this.relayBatch.getAsInt() < this.batchSize) {
					this.wakeUps.tryAcquire(this.idlePoll.toMillis(), TimeUnit.MILLISECONDS);
					this.wakeUps.drainPermits();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				this.failures.increment();
				log.warn("{} round failed, will retry: {}", this.name, describe(ex));
				try {
					Thread.sleep(this.retryBackoff.toMillis());
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	/**
	 * The failure and its root cause, which is where drivers put the broker's or server's
	 * own words.
	 */
	static String describe(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root == failure ? String.valueOf(failure.getMessage())
				: failure.getMessage() + " (" + root.getMessage() + ")";
	}

	@Override
	public void start() {
		this.running = true;
		Thread worker = new Thread(this::loop, this.name);
		worker.setDaemon(true);
		this.thread = worker;
		worker.start();
	}

	@Override
	public void stop() {
		this.running = false;
		Thread worker = this.thread;
		if (worker != null) {
			worker.interrupt();
			try {
				worker.join(5000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
