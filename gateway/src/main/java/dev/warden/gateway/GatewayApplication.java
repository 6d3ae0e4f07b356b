package dev.warden.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The gateway: the suite's only door, and the signer of the internal identity every
 * service trusts.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

	public static void main(String[] args) {
		// Replicas come and go behind one DNS name: look names up again after seconds,
		// not the JVM's default.
		java.security.Security.setProperty("networkaddress.cache.ttl", "5");
		SpringApplication.run(GatewayApplication.class, args);
	}

}
