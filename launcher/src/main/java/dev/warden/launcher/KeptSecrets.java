package dev.warden.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Secrets of a local run that must survive restarts: the one configured in the environment, else one generated
 * at the first run and kept (owner-readable only) in the data directory. The first administrator's password (so
 * every run can print it again), the key that encrypts TOTP secrets (so enrolled authenticators keep working) and
 * the key that chains the security log (so the kept log still verifies). Nothing is baked into the code.
 */
final class KeptSecrets {

	static final String ADMIN_PASSWORD_FILE = "bootstrap-admin-password";

	static final String TWO_FACTOR_KEYS_FILE = "two-factor-keys";

	static final String AUDIT_CHAIN_KEYS_FILE = "audit-chain-keys";

	private KeptSecrets() {
	}

	static String adminPassword(String configured, Path dataDirectory) {
		return resolve(configured, dataDirectory, ADMIN_PASSWORD_FILE, () -> RandomSecrets.generate(20));
	}

	/** {@code WARDEN_TWOFACTOR_KEYS}: one AES-256 key, id {@code local1}. */
	static String twoFactorKeys(String configured, Path dataDirectory) {
		return resolve(configured, dataDirectory, TWO_FACTOR_KEYS_FILE, KeptSecrets::newKey);
	}

	/** {@code WARDEN_AUDIT_CHAINKEYS}: one HMAC-SHA256 key, id {@code local1}. */
	static String auditChainKeys(String configured, Path dataDirectory) {
		return resolve(configured, dataDirectory, AUDIT_CHAIN_KEYS_FILE, KeptSecrets::newKey);
	}

	private static String newKey() {
		byte[] key = new byte[32];
		new java.security.SecureRandom().nextBytes(key);
		return "local1:" + java.util.Base64.getEncoder().encodeToString(key);
	}

	private static String resolve(String configured, Path dataDirectory, String name,
			java.util.function.Supplier<String> generator) {
		if (configured != null && !configured.isBlank()) {
			return configured;
		}
		Path file = dataDirectory.resolve(name);
		try {
			if (Files.exists(file)) {
				return Files.readString(file, StandardCharsets.UTF_8).strip();
			}
			String generated = generator.get();
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
