package dev.warden.infra.kafka;

import java.security.SecureRandom;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The passwords of a broker's principals: the administrator's and each principal's SCRAM
 * password. Each service is handed only its own ({@link #serviceProperties(String)}).
 *
 * @param adminPassword the password of {@link KafkaPrincipals#ADMIN}
 * @param passwords principal name → password, for every principal the broker is to know
 */
public record KafkaCredentials(String adminPassword, Map<String, String> passwords) {

	private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

	private static final SecureRandom RANDOM = new SecureRandom();

	public KafkaCredentials {
		passwords = Map.copyOf(passwords);
	}

	/** Fresh random passwords for the administrator and {@code principals}. */
	public static KafkaCredentials generate(Collection<KafkaPrincipal> principals) {
		Map<String, String> passwords = new LinkedHashMap<>();
		principals.forEach((principal) -> passwords.put(principal.name(), randomPassword()));
		return new KafkaCredentials(randomPassword(), passwords);
	}

	/**
	 * 32 letters and digits (about 187 bits): safe inside a JAAS option
	 * ({@code password="..."}) and in the SCRAM arguments of
	 * {@code kafka-storage format}, which give {@code "} and {@code ,} a meaning.
	 */
	public static String randomPassword() {
		StringBuilder password = new StringBuilder(32);
		for (int i = 0; i < 32; i++) {
			password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
		}
		return password.toString();
	}

	public List<KafkaPrincipal> principals() {
		return KafkaPrincipals.servicesAndTests()
			.stream()
			.filter((principal) -> this.passwords.containsKey(principal.name()))
			.toList();
	}

	public String passwordOf(String principal) {
		String password = this.passwords.get(principal);
		if (password == null) {
			throw new IllegalArgumentException("No Kafka password for " + principal);
		}
		return password;
	}

	public boolean knows(String principal) {
		return this.passwords.containsKey(principal);
	}

	/**
	 * The {@code warden.kafka.*} properties that make a service sign in as
	 * {@code principal}.
	 */
	public Map<String, String> serviceProperties(String principal) {
		return Map.of("warden.kafka.username", principal, "warden.kafka.password", passwordOf(principal));
	}

	/** Kafka client properties signing in as {@code principal}. */
	public Map<String, Object> clientProperties(String bootstrapServers, String principal) {
		return KafkaClientSecurity.scram(bootstrapServers, principal, passwordOf(principal));
	}

	/**
	 * Kafka client properties signing in as the administrator: for the infrastructure's
	 * set-up only.
	 */
	public Map<String, Object> adminClientProperties(String bootstrapServers) {
		return KafkaClientSecurity.scram(bootstrapServers, KafkaPrincipals.ADMIN, this.adminPassword);
	}

	/** Never print the passwords. */
	@Override
	public String toString() {
		return "KafkaCredentials" + this.passwords.keySet();
	}
}
