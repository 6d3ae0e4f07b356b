package dev.warden.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The first administrator's password for a local run: the one given in {@code WARDEN_BOOTSTRAP_ADMIN_PASSWORD},
 * else one generated at the first run and kept (owner-readable only) in the data directory, so every later run
 * can print it again. Nothing is baked into the code.
 */
final class AdminPassword {

	static final String FILE = "bootstrap-admin-password";

	private AdminPassword() {
	}

	static String resolve(String configured, Path dataDirectory) {
		if (configured != null && !configured.isBlank()) {
			return configured;
		}
		Path file = dataDirectory.resolve(FILE);
		try {
			if (Files.exists(file)) {
				return Files.readString(file, StandardCharsets.UTF_8).strip();
			}
			String generated = RandomSecrets.generate(20);
			Files.createDirectories(dataDirectory);
			Files.writeString(file, generated, StandardCharsets.UTF_8);
			try {
				Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException ex) {
				// Not a POSIX file system: the file stays as the platform creates it.
			}
			return generated;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
