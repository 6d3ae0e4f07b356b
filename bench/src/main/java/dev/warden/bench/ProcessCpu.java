package dev.warden.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Where the cores went while a load ran: CPU time (user + system, from
 * {@code /proc/<pid>/stat}) per named process, as shares of the total. Says which process
 * bounds a figure on a machine where the services, the infrastructure and the load
 * generator share the cores.
 */
final class ProcessCpu {

	private final Supplier<List<Named>> processes;

	/**
	 * {@code processes}: what to watch, listed again at each snapshot (several processes
	 * may share a name: they are added up).
	 */
	ProcessCpu(Supplier<List<Named>> processes) {
		this.processes = processes;
	}

	/** CPU ticks per name now. */
	Map<String, Long> snapshot() {
		Map<String, Long> ticks = new LinkedHashMap<>();
		this.processes.get()
			.forEach((process) -> ticks.merge(process.name(), ticks(process.pid(), process.waitedChildren()),
					Long::sum));
		return ticks;
	}

	/**
	 * "auth-service 61%, postgres 12%, …": shares of the CPU time between two snapshots.
	 */
	static String shares(Map<String, Long> before, Map<String, Long> after) {
		Map<String, Long> spent = new LinkedHashMap<>();
		after.forEach((name, ticks) -> spent.put(name, ticks - before.getOrDefault(name, 0L)));
		long total = spent.values().stream().mapToLong(Long::longValue).sum();
		if (total <= 0) {
			return "no CPU time measured";
		}
		return spent.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.filter((entry) -> entry.getValue() * 100 >= total)
			.map((entry) -> String.format(Locale.ROOT, "%s %d%%", entry.getKey(),
					Math.round(100.0 * entry.getValue() / total)))
			.collect(Collectors.joining(", "));
	}

	/**
	 * utime + stime of a process (fields 14 and 15, after the command in parentheses), or
	 * cutime + cstime (16 and 17): what its children that ended and were waited for
	 * spent.
	 */
	private static long ticks(long pid, boolean waitedChildren) {
		try {
			String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			int first = waitedChildren ? 13 : 11;
			return Long.parseLong(fields[first]) + Long.parseLong(fields[first + 1]);
		}
		catch (IOException | RuntimeException gone) {
			// The process ended between listing and reading.
			return 0;
		}
	}

	/**
	 * A process and the name its CPU time is reported under; with {@code waitedChildren},
	 * the time of its children that ended instead (a load generator that ran to its end).
	 */
	record Named(String name, long pid, boolean waitedChildren) {

		Named(String name, long pid) {
			this(name, pid, false);
		}

	}

}
