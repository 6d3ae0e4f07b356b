package dev.warden.infra.kafka;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Client settings that sign in to Warden's Kafka with SASL/SCRAM-SHA-512, as the services
 * do.
 */
public final class KafkaClientSecurity {

	public static final String MECHANISM = "SCRAM-SHA-512";

	private KafkaClientSecurity() {
	}

	public static Map<String, Object> scram(String bootstrapServers, String user, String password) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("bootstrap.servers", bootstrapServers);
		properties.put("security.protocol", "SASL_PLAINTEXT");
		properties.put("sasl.mechanism", MECHANISM);
		properties.put("sasl.jaas.config", jaas(user, password));
		return properties;
	}

	/** The JAAS line a client signs in with; Kafka logs it as {@code [hidden]}. */
	public static String jaas(String user, String password) {
		return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
				+ password + "\";";
	}

}
