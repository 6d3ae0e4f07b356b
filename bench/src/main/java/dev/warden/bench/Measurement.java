package dev.warden.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of a load tool: throughput and latency percentiles, parsed from its output, and
 * — when the run was metered — operations per second of busy CPU on the whole machine
 * ({@link CpuMeter}), NaN otherwise.
 */
record Measurement(double opsPerSecond, double p50Millis, double p99Millis, double perCpuSecond) {

	Measurement(double opsPerSecond, double p50Millis, double p99Millis) {
		this(opsPerSecond, p50Millis, p99Millis, Double.NaN);
	}

	/** Runs a wrk command of {@code seconds} under a {@link CpuMeter}. */
	static Measurement metered(java.util.function.Supplier<String> wrkRun, int seconds,
			java.util.function.Function<String, Measurement> parse) {
		CpuMeter cpu = CpuMeter.start();
		Measurement run = parse.apply(wrkRun.get());
		double busy = cpu.busySeconds();
		return new Measurement(run.opsPerSecond(), run.p50Millis(), run.p99Millis(),
				run.opsPerSecond() * seconds / busy);
	}

	private static final Pattern WRK_RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

	private static final Pattern WRK_PERCENTILE = Pattern.compile("\\s(50|99)%\\s+([0-9.]+)(us|ms|s)");

	/** wrk's {@code --latency} report. */
	static Measurement fromWrk(String output) {
		Matcher rate = WRK_RATE.matcher(output);
		if (!rate.find()) {
			throw new IllegalStateException("no Requests/sec in wrk output: " + output);
		}
		double p50 = Double.NaN;
		double p99 = Double.NaN;
		Matcher percentile = WRK_PERCENTILE.matcher(output);
		while (percentile.find()) {
			double millis = toMillis(Double.parseDouble(percentile.group(2)), percentile.group(3));
			if (percentile.group(1).equals("50")) {
				p50 = millis;
			}
			else {
				p99 = millis;
			}
		}
		return new Measurement(Double.parseDouble(rate.group(1)), p50, p99);
	}

	/**
	 * redis-benchmark's {@code --csv} line:
	 * {@code "GET","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max"}.
	 */
	static Measurement fromRedisBenchmarkCsv(String output) {
		for (String line : output.split("\\R")) {
			if (line.startsWith("\"GET\"")) {
				String[] cells = line.replace("\"", "").split(",");
				return new Measurement(Double.parseDouble(cells[1]), Double.parseDouble(cells[4]),
						Double.parseDouble(cells[6]));
			}
		}
		throw new IllegalStateException("no GET line in redis-benchmark output: " + output);
	}

	/** The run with the median throughput of several. */
	static Measurement median(List<Measurement> runs) {
		List<Measurement> sorted = new ArrayList<>(runs);
		Collections.sort(sorted, (a, b) -> Double.compare(a.opsPerSecond(), b.opsPerSecond()));
		return sorted.get(sorted.size() / 2);
	}

	private static double toMillis(double value, String unit) {
		return switch (unit) {
			case "us" -> value / 1000;
			case "s" -> value * 1000;
			default -> value;
		};
	}
}
