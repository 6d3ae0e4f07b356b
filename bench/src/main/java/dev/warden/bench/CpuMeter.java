package dev.warden.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time the whole machine spent busy (user + system + interrupts, from
 * {@code /proc/stat}) since it was started: the services, the infrastructure and the load
 * generator together, as they share the cores. Dividing a run's operations by it gives
 * operations per CPU-second, a figure that does not depend on how many cores the run
 * could use.
 */
final class CpuMeter {

	/** USER_HZ: the unit of /proc/stat on Linux. */
	private static final double TICKS_PER_SECOND = 100.0;

	private final long startBusy;

	private CpuMeter(long startBusy) {
		this.startBusy = startBusy;
	}

	static CpuMeter start() {
		return new CpuMeter(busyTicks());
	}

	double busySeconds() {
		return (busyTicks() - this.startBusy) / TICKS_PER_SECOND;
	}

	/**
	 * {@code cpu user nice system idle iowait irq softirq steal ...}: everything but idle
	 * and iowait.
	 */
	private static long busyTicks() {
		try {
			String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
			long busy = 0;
			for (int i = 1; i < Math.min(fields.length, 9); i++) {
				if (i != 4 && i != 5) {
					busy += Long.parseLong(fields[i]);
				}
			}
			return busy;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
