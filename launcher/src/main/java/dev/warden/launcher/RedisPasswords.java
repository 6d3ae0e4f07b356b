package dev.warden.launcher;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import dev.warden.infra.RedisAcl;
import dev.warden.infra.RedisUser;

/**
 * One Redis password per service that uses Redis ({@link RedisAcl}): Redis knows them
 * all, each service only its own, as {@code WARDEN_REDIS_USERNAME} and
 * {@code WARDEN_REDIS_PASSWORD}. In {@code .env} and a local run's environment each is
 * {@code <SERVICE>_REDIS_PASSWORD} ({@code SESSION_REDIS_PASSWORD}).
 */
final class RedisPasswords {

	private RedisPasswords() {
	}

	/**
	 * The services with a Redis user (gateway, auth-, session- and notification-service).
	 */
	static List<WardenService> services() {
		return Stream.of(WardenService.values()).filter((service) -> user(service).isPresent()).toList();
	}

	/**
	 * {@code SESSION_REDIS_PASSWORD}: where {@code .env} (and a local run) holds the
	 * service's password.
	 */
	static String variable(WardenService service) {
		return service.name() + "_REDIS_PASSWORD";
	}

	/**
	 * A local run's passwords, user name to password: each from its variable when set
	 * (Redis is provided from outside), else generated at the first run and kept in the
	 * data directory.
	 */
	static Map<String, String> kept(Map<String, String> env, Path dataDirectory) {
		Map<String, String> passwords = new LinkedHashMap<>();
		for (WardenService service : services()) {
			passwords.put(service.module(),
					KeptSecrets.redisPassword(env.get(variable(service)), dataDirectory, service.module()));
		}
		return passwords;
	}

	/**
	 * The environment that gives one service its own Redis user, and nothing when it has
	 * none.
	 */
	static Map<String, String> environment(WardenService service, Map<String, String> passwords) {
		String password = passwords.get(service.module());
		if (user(service).isEmpty() || password == null) {
			return Map.of();
		}
		return Map.of("WARDEN_REDIS_USERNAME", service.module(), "WARDEN_REDIS_PASSWORD", password);
	}

	private static Optional<RedisUser> user(WardenService service) {
		return RedisAcl.SERVICES.stream().filter((user) -> user.name().equals(service.module())).findFirst();
	}

}
