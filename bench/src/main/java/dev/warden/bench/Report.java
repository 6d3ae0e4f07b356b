package dev.warden.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The session benchmark's figures, written as Markdown for people and JSON for tools. */
record Report(Map<String, String> machine, Measurement introspect, double introspectPerCpuSecond, Measurement redisGet,
		double redisGetPerCpuSecond, double bytesPerSession) {

	void write(Path directory, String name) throws IOException {
		Files.createDirectories(directory);
		Files.writeString(directory.resolve(name + ".md"), markdown());
		Files.writeString(directory.resolve(name + ".json"), json());
		System.out.println(markdown());
		System.out.println("Written to " + directory.resolve(name + ".md") + " and .json");
	}

	String markdown() {
		StringBuilder out = new StringBuilder("# Session benchmark\n\n");
		out.append("Machine: ");
		this.machine.forEach((key, value) -> out.append(key).append(" ").append(value).append("; "));
		out.append("\n\nMedian of ")
			.append(SessionBench.RUNS)
			.append(" runs after discarded warm-ups (at least ")
			.append(SessionBench.WARMUPS)
			.append(", until two agree within 5 %); ")
			.append(SessionBench.CONNECTIONS)
			.append(" connections, one wrk thread; the load generator shares the machine's two cores.\n\n");
		out.append("| figure | value | baseline (same run) | ratio |\n|---|---|---|---|\n");
		out.append(String.format(
				"| session introspection (HTTP, Lua script on Redis) | %,.0f req/s, p50 %.2f ms, p99 %.2f ms "
						+ "| Redis GET (redis-benchmark): %,.0f ops/s, p50 %.3f ms, p99 %.3f ms | %.2f× |%n",
				this.introspect.opsPerSecond(), this.introspect.p50Millis(), this.introspect.p99Millis(),
				this.redisGet.opsPerSecond(), this.redisGet.p50Millis(), this.redisGet.p99Millis(),
				this.introspect.opsPerSecond() / this.redisGet.opsPerSecond()));
		out.append(String.format(
				"| per CPU-second (service + Redis vs Redis alone) | %,.0f introspections | %,.0f GETs | %.2f× |%n",
				this.introspectPerCpuSecond, this.redisGetPerCpuSecond,
				this.introspectPerCpuSecond / this.redisGetPerCpuSecond));
		out.append(String.format(
				"| Redis memory per session (%,d sessions, %,d users) | %,.0f bytes | — | %,.0f sessions per GB |%n",
				SessionBench.MEMORY_USERS * SessionBench.SESSIONS_PER_USER, SessionBench.MEMORY_USERS,
				this.bytesPerSession, 1e9 / this.bytesPerSession));
		out.append("\nReproduce: `bench/run.sh sessions`.\n");
		return out.toString();
	}

	String json() {
		StringBuilder machineJson = new StringBuilder("{");
		this.machine.forEach((key, value) -> machineJson.append('"')
			.append(key)
			.append("\":\"")
			.append(value.replace("\"", "'"))
			.append("\","));
		machineJson.setLength(machineJson.length() - 1);
		machineJson.append('}');
		return String.format(java.util.Locale.ROOT,
				"{\"machine\":%s,\"introspect\":{\"opsPerSecond\":%.1f,\"p50Ms\":%.3f,\"p99Ms\":%.3f,\"perCpuSecond\":%.1f},"
						+ "\"redisGet\":{\"opsPerSecond\":%.1f,\"p50Ms\":%.3f,\"p99Ms\":%.3f,\"perCpuSecond\":%.1f},"
						+ "\"redisBytesPerSession\":%.1f}%n",
				machineJson, this.introspect.opsPerSecond(), this.introspect.p50Millis(), this.introspect.p99Millis(),
				this.introspectPerCpuSecond, this.redisGet.opsPerSecond(), this.redisGet.p50Millis(),
				this.redisGet.p99Millis(), this.redisGetPerCpuSecond, this.bytesPerSession);
	}
}
