package dev.warden.infra.test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Work a test runs beside itself, to hold a lock or wait for one. */
public final class OwnThreads {

	private OwnThreads() {
	}

	/**
	 * Runs {@code work} on a thread of its own: a shared pool may have a single thread,
	 * held by the other side.
	 */
	public static <T> CompletableFuture<T> async(Supplier<T> work) {
		CompletableFuture<T> result = new CompletableFuture<>();
		Thread thread = new Thread(() -> {
			try {
				result.complete(work.get());
			}
			catch (Throwable ex) {
				result.completeExceptionally(ex);
			}
		});
		thread.setDaemon(true);
		thread.start();
		return result;
	}

	/**
	 * Waits for the latch, at most 30 s (a lock never released fails the test instead of
	 * holding it).
	 */
	public static void await(CountDownLatch latch) {
		try {
			if (!latch.await(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("timed out");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
