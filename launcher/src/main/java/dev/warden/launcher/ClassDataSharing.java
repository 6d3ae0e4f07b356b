package dev.warden.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Class data sharing for a service JVM: the JVM maps the classes an earlier run loaded
 * from an archive instead of reading, parsing and verifying them again — most of a Spring
 * Boot service's start-up on a small machine.
 * <p>
 * The service's jar is first extracted (Spring Boot's {@code jarmode=tools}): classes
 * inside nested jars cannot be archived. The first run writes the archive when it stops
 * ({@code -XX:ArchiveClassesAtExit}); later runs use it ({@code -XX:SharedArchiveFile}).
 * A new build of the jar extracts again and drops the archive, and a JVM that cannot use
 * an archive starts without it.
 */
final class ClassDataSharing {

	private static final String ARCHIVE = "app.jsa";

	private ClassDataSharing() {
	}

	/**
	 * The extracted service: the jar to run and the JVM options that share its classes.
	 */
	record Launch(Path jar, List<String> jvmOptions) {
	}

	/**
	 * Extracts {@code jar} next to it (once per build) and says how to start it with the
	 * archive.
	 */
	static Launch prepare(Path jar) {
		Path directory = jar.resolveSibling("cds");
		Path extracted = directory.resolve(jar.getFileName());
		try {
			if (!Files.exists(extracted)
					|| Files.getLastModifiedTime(extracted).compareTo(Files.getLastModifiedTime(jar)) < 0) {
				deleteRecursively(directory);
				extract(jar, directory);
			}
			Path archive = directory.resolve(ARCHIVE);
			// The classes it cannot archive (signed jars, JFR events) are no news for a
			// service's log.
			List<String> options = new ArrayList<>(List.of("-Xlog:cds*=off"));
			if (Files.isRegularFile(archive) && Files.size(archive) > 0) {
				options.add("-XX:SharedArchiveFile=" + archive);
			}
			else {
				options.add("-XX:ArchiveClassesAtExit=" + archive);
			}
			return new Launch(extracted, options);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not prepare " + jar + " for class data sharing", ex);
		}
	}

	private static void extract(Path jar, Path directory) throws IOException {
		Files.createDirectories(directory);
		Path log = directory.resolve("extract.log");
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination", directory.toString(), "--force")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		try {
			if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
				process.destroyForcibly();
				throw new IOException("extracting " + jar + " failed: " + Files.readString(log));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
			throw new IOException("interrupted while extracting " + jar, ex);
		}
		// The extracted jar's time says which build it came from.
		Files.setLastModifiedTime(directory.resolve(jar.getFileName()), Files.getLastModifiedTime(jar));
	}

	private static void deleteRecursively(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

}
