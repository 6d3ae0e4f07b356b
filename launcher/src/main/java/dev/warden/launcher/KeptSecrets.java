package dev.warden.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import dev.warden.infra.kafka.KafkaCredentials;
import dev.warden.infra.kafka.KafkaPrincipal;
import dev.warden.infra.kafka.KafkaPrincipals;
import org.jspecify.annotations.Nullable;

/**
 * Secrets of a local run that must survive restarts: the one configured in the
 * environment, else one generated at the first run and kept (owner-readable only) in the
 * data directory. The first administrator's password (so every run can print it again),
 * the key that encrypts TOTP secrets (so enrolled authenticators keep working), the key
 * that chains the security log (so the kept log still verifies), the gateway's and
 * auth-service's service keys (so the session and API token grants they signed stay
 * valid), the services' Redis passwords (so Redis data kept in the data directory stays
 * theirs) and the Kafka passwords of the administrator and each service (the broker keeps
 * its users in the kept Kafka log). Nothing is baked into the code.
 */
final class KeptSecrets {

	static final String ADMIN_PASSWORD_FILE = "bootstrap-admin-password";

	static final String TWO_FACTOR_KEYS_FILE = "two-factor-keys";

	static final String KAFKA_PASSWORDS_FILE = "kafka-passwords";

	static final String AUDIT_CHAIN_KEYS_FILE = "audit-chain-keys";

	static final String PASSWORD_RESET_MAIL_KEYS_FILE = "password-reset-mail-keys";

	private KeptSecrets() {
	}

	static String adminPassword(@Nullable String configured, Path dataDirectory) {
		return resolve(configured, dataDirectory, ADMIN_PASSWORD_FILE, () -> RandomSecrets.generate(20));
	}

	/** {@code WARDEN_TWOFACTOR_KEYS}: one AES-256 key, id {@code local1}. */
	static String twoFactorKeys(@Nullable String configured, Path dataDirectory) {
		return resolve(configured, dataDirectory, TWO_FACTOR_KEYS_FILE, KeptSecrets::newKey);
	}

	/**
	 * {@code WARDEN_PASSWORDRESET_MAILKEYS}: one AES-256 key, id {@code local1}, that
	 * seals reset codes for their mail (kept, so a code sealed before a restart still
	 * opens).
	 */
	static String passwordResetMailKeys(@Nullable String configured, Path dataDirectory) {
		return resolve(configured, dataDirectory, PASSWORD_RESET_MAIL_KEYS_FILE, KeptSecrets::newKey);
	}

	/** {@code WARDEN_AUDIT_CHAINKEYS}: one HMAC-SHA256 key, id {@code local1}. */
	static String auditChainKeys(@Nullable String configured, Path dataDirectory) {
		return resolve(configured, dataDirectory, AUDIT_CHAIN_KEYS_FILE, KeptSecrets::newKey);
	}

	private static String newKey() {
		byte[] key = new byte[32];
		new java.security.SecureRandom().nextBytes(key);
		return "local1:" + java.util.Base64.getEncoder().encodeToString(key);
	}

	/**
	 * A calling service's private key ({@code WARDEN_SERVICE_KEY}): it also signs the
	 * grants of sessions (auth-service) and API tokens (gateway), which must stay valid
	 * across restarts.
	 */
	static String serviceKey(Path dataDirectory, String service) {
		return resolve(null, dataDirectory, service + "-service-key",
				() -> dev.warden.serviceidentity.ServiceKey.generate().privateJson());
	}

	/** A service's Redis password ({@link RedisPasswords}), one file per Redis user. */
	static String redisPassword(@Nullable String configured, Path dataDirectory, String user) {
		return resolve(configured, dataDirectory, "redis-" + user + "-password", () -> RandomSecrets.generate(32));
	}

	/**
	 * One Kafka password per service and the administrator's, as
	 * {@code principal=password} lines. A service added since the file was written gets a
	 * password of its own then.
	 */
	static KafkaCredentials kafkaCredentials(Path dataDirectory) {
		Properties kept = new Properties();
		try {
			kept.load(new java.io.StringReader(resolve(null, dataDirectory, KAFKA_PASSWORDS_FILE, () -> "")));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		boolean complete = kept.containsKey(KafkaPrincipals.ADMIN);
		kept.putIfAbsent(KafkaPrincipals.ADMIN, KafkaCredentials.randomPassword());
		Map<String, String> passwords = new LinkedHashMap<>();
		for (KafkaPrincipal service : KafkaPrincipals.SERVICES) {
			complete &= kept.containsKey(service.name());
			kept.putIfAbsent(service.name(), KafkaCredentials.randomPassword());
			passwords.put(service.name(), kept.getProperty(service.name()));
		}
		if (!complete) {
			StringBuilder lines = new StringBuilder();
			kept.stringPropertyNames()
				.stream()
				.sorted()
				.forEach((name) -> lines.append(name).append('=').append(kept.getProperty(name)).append('\n'));
			keep(dataDirectory.resolve(KAFKA_PASSWORDS_FILE), lines.toString());
		}
		return new KafkaCredentials(kept.getProperty(KafkaPrincipals.ADMIN), passwords);
	}

	private static String resolve(@Nullable String configured, Path dataDirectory, String name,
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
			keep(file, generated);
			return generated;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Writes a secret readable by its owner only, from the moment the file exists. */
	/** Writes {@code content} to {@code file}, readable by its owner only. */
	static void write(Path file, String content) {
		keep(file, content);
	}

	private static void keep(Path file, String secret) {
		try {
			Files.createDirectories(file.getParent());
			if (!Files.exists(file)) {
				try {
					Files.createFile(file,
							PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
				}
				catch (UnsupportedOperationException ex) {
					// Not a POSIX file system: the file is made as the platform makes it.
					Files.createFile(file);
				}
			}
			Files.writeString(file, secret, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
