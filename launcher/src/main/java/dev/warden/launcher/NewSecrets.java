package dev.warden.launcher;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.warden.serviceidentity.ServiceKey;

/**
 * Prints fresh secrets for a Docker Compose deployment as {@code .env} lines
 * ({@code deploy/new-secrets.sh}): the service keys of the gateway and auth-service
 * (private for the caller, public for the services they call), the gateway's signing key
 * (one for every replica), the TOTP encryption key, the security log's chain key, the
 * first administrator's password, the database, Redis (one per service) and Grafana
 * passwords, and the Kafka administrator's and each service's Kafka password. Nothing is
 * written anywhere else. With {@code --kubernetes}, the same as Kubernetes Secrets
 * ({@link #kubernetes(boolean)}).
 */
public final class NewSecrets {

	private NewSecrets() {
	}

	public static void main(String[] args) throws JOSEException {
		java.util.List<String> options = java.util.List.of(args);
		if (options.contains("--kubernetes")) {
			System.out.print(yaml(kubernetes(options.contains("--kafka-users"))));
			return;
		}
		ECKey signing = new ECKeyGenerator(Curve.P_256).keyID("gw-" + UUID.randomUUID().toString().substring(0, 8))
			.generate();
		byte[] totpKey = new byte[32];
		new SecureRandom().nextBytes(totpKey);
		ServiceKey gateway = ServiceKey.generate();
		ServiceKey auth = ServiceKey.generate();
		System.out.println("GATEWAY_SERVICE_KEY=" + gateway.privateJson());
		System.out.println("GATEWAY_SERVICE_PUBLIC_KEY=" + gateway.publicJson());
		System.out.println("AUTH_SERVICE_KEY=" + auth.privateJson());
		System.out.println("AUTH_SERVICE_PUBLIC_KEY=" + auth.publicJson());
		System.out.println("WARDEN_IDENTITY_SIGNING_KEY=" + signing.toJSONString());
		System.out.println("WARDEN_TWOFACTOR_KEYS=k1:" + Base64.getEncoder().encodeToString(totpKey));
		byte[] chainKey = new byte[32];
		new SecureRandom().nextBytes(chainKey);
		System.out.println("WARDEN_AUDIT_CHAINKEYS=k1:" + Base64.getEncoder().encodeToString(chainKey));
		byte[] resetMailKey = new byte[32];
		new SecureRandom().nextBytes(resetMailKey);
		System.out.println("WARDEN_PASSWORDRESET_MAILKEYS=k1:" + Base64.getEncoder().encodeToString(resetMailKey));
		System.out.println("WARDEN_BOOTSTRAP_ADMIN_PASSWORD=" + RandomSecrets.generate(24));
		for (String name : new String[] { "POSTGRES_PASSWORD", "AUTH_DB_PASSWORD", "TOKEN_DB_PASSWORD",
				"AUDIT_DB_PASSWORD", "GRAFANA_ADMIN_PASSWORD", "KAFKA_ADMIN_PASSWORD", "GATEWAY_KAFKA_PASSWORD",
				"AUTH_KAFKA_PASSWORD", "SESSION_KAFKA_PASSWORD", "TOKEN_KAFKA_PASSWORD", "NOTIFICATION_KAFKA_PASSWORD",
				"AUDIT_KAFKA_PASSWORD" }) {
			System.out.println(name + "=" + RandomSecrets.generate(24));
		}
		for (WardenService service : RedisPasswords.services()) {
			System.out.println(RedisPasswords.variable(service) + "=" + RandomSecrets.generate(32));
		}
	}

	/** A Kubernetes Secret: its name, type and values. */
	record Secret(String name, String type, java.util.Map<String, String> data) {
	}

	/**
	 * Fresh Secrets for deploy/kubernetes ({@code deploy/new-secrets.sh --kubernetes}):
	 * {@code warden-<service>} with each service's own secrets only (its environment
	 * variables), the three database logins (basic-auth, as CloudNativePG reads them),
	 * {@code redis-users} for the Redis of the operators overlay, and with
	 * {@code kafkaUsers} each service's Kafka password in a Secret named after its Kafka
	 * user (Strimzi makes those itself).
	 */
	static java.util.List<Secret> kubernetes(boolean kafkaUsers) throws JOSEException {
		ECKey signing = new ECKeyGenerator(Curve.P_256).keyID("gw-" + UUID.randomUUID().toString().substring(0, 8))
			.generate();
		ServiceKey gateway = ServiceKey.generate();
		ServiceKey auth = ServiceKey.generate();
		String resetMailKeys = "k1:" + randomBase64();
		java.util.Map<WardenService, String> redis = new java.util.EnumMap<>(WardenService.class);
		for (WardenService service : RedisPasswords.services()) {
			redis.put(service, RandomSecrets.generate(32));
		}
		java.util.List<Secret> secrets = new java.util.ArrayList<>();
		java.util.Map<WardenService, java.util.Map<String, String>> own = new java.util.EnumMap<>(WardenService.class);
		for (WardenService service : WardenService.values()) {
			java.util.Map<String, String> data = new java.util.LinkedHashMap<>();
			switch (service) {
				case GATEWAY -> {
					data.put("WARDEN_SERVICE_KEY", gateway.privateJson());
					data.put("WARDEN_IDENTITY_SIGNING_KEY", signing.toJSONString());
					data.put("WARDEN_INTERNAL_AUTHSERVICEKEY", auth.publicJson());
				}
				case AUTH -> {
					data.put("WARDEN_SERVICE_KEY", auth.privateJson());
					data.put("WARDEN_BOOTSTRAP_ADMIN_PASSWORD", RandomSecrets.generate(24));
					data.put("WARDEN_TWOFACTOR_KEYS", "k1:" + randomBase64());
					data.put("WARDEN_PASSWORDRESET_MAILKEYS", resetMailKeys);
				}
				case SESSION, TOKEN -> {
					data.put("WARDEN_INTERNAL_GATEWAYKEY", gateway.publicJson());
					data.put("WARDEN_INTERNAL_AUTHSERVICEKEY", auth.publicJson());
				}
				case NOTIFICATION -> data.put("WARDEN_PASSWORDRESET_MAILKEYS", resetMailKeys);
				case AUDIT -> data.put("WARDEN_AUDIT_CHAINKEYS", "k1:" + randomBase64());
			}
			String redisPassword = redis.get(service);
			if (redisPassword != null) {
				data.put("WARDEN_REDIS_PASSWORD", redisPassword);
			}
			own.put(service, data);
		}
		own.forEach((service, data) -> secrets.add(new Secret("warden-" + service.module(), "Opaque", data)));
		for (String database : java.util.List.of("auth", "tokens", "audit")) {
			secrets.add(new Secret("postgres-" + database, "kubernetes.io/basic-auth",
					java.util.Map.of("username", database, "password", RandomSecrets.generate(24))));
		}
		java.util.Map<String, String> redisUsers = new java.util.LinkedHashMap<>();
		redis.forEach((service, password) -> redisUsers.put(RedisPasswords.variable(service), password));
		secrets.add(new Secret("redis-users", "Opaque", redisUsers));
		if (kafkaUsers) {
			for (WardenService service : WardenService.values()) {
				secrets.add(new Secret(service.module(), "Opaque",
						java.util.Map.of("password", RandomSecrets.generate(24))));
			}
		}
		return secrets;
	}

	/**
	 * The Secrets as one YAML stream, each value quoted as JSON (a JSON string is YAML).
	 */
	static String yaml(java.util.List<Secret> secrets) {
		StringBuilder out = new StringBuilder();
		for (Secret secret : secrets) {
			out.append("---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: ")
				.append(secret.name())
				.append("\n  labels:\n    app.kubernetes.io/part-of: warden\ntype: ")
				.append(secret.type())
				.append("\nstringData:\n");
			secret.data()
				.forEach((key, value) -> out.append("  ").append(key).append(": ").append(quoted(value)).append('\n'));
		}
		return out.toString();
	}

	private static String quoted(String value) {
		StringBuilder quoted = new StringBuilder("\"");
		for (char c : value.toCharArray()) {
			switch (c) {
				case '"' -> quoted.append("\\\"");
				case '\\' -> quoted.append("\\\\");
				default -> quoted.append(c);
			}
		}
		return quoted.append('"').toString();
	}

	private static String randomBase64() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

}
