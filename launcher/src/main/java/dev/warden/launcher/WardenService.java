package dev.warden.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The six processes of the suite, their Maven modules and default ports
 * (docs/architecture.md, "Ports").
 */
public enum WardenService {

	GATEWAY("gateway", 8080), AUTH("auth-service", 8081), SESSION("session-service", 8082),
	TOKEN("token-service", 8083), NOTIFICATION("notification-service", 8084), AUDIT("audit-service", 8085);

	private final String module;

	private final int defaultPort;

	WardenService(String module, int defaultPort) {
		this.module = module;
		this.defaultPort = defaultPort;
	}

	public String module() {
		return this.module;
	}

	public int defaultPort() {
		return this.defaultPort;
	}

	/**
	 * The executable Spring Boot jar Maven built for this service, or {@code null} if it
	 * is not built.
	 */
	public @Nullable Path jar(Path root) {
		Path target = root.resolve(this.module).resolve("target");
		if (!Files.isDirectory(target)) {
			return null;
		}
		try (Stream<Path> files = Files.list(target)) {
			return files.filter((file) -> {
				String name = file.getFileName().toString();
				return name.startsWith(this.module + "-") && name.endsWith(".jar") && !name.endsWith("-sources.jar")
						&& !name.endsWith("-plain.jar");
			}).findFirst().orElse(null);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
