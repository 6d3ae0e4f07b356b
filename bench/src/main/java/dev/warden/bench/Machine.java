package dev.warden.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The machine a report was measured on: cores, memory, JDK. */
final class Machine {

	private Machine() {
	}

	static String describe() {
		long memoryKb = 0;
		try {
			for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
				if (line.startsWith("MemTotal:")) {
					memoryKb = Long.parseLong(line.replaceAll("\\D", ""));
				}
			}
		}
		catch (java.io.IOException ex) {
			memoryKb = -1;
		}
		return String.format(Locale.ROOT, "Machine: %d cores, %.1f GB memory, %s %s.%n",
				Runtime.getRuntime().availableProcessors(), memoryKb / 1_048_576.0, System.getProperty("java.vm.name"),
				System.getProperty("java.version"));
	}

}
