package dev.warden.token;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** token-service: API tokens, stored only as hashes, bound to one role and an expiry. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class TokenApplication {

	public static void main(String[] args) {
		SpringApplication.run(TokenApplication.class, args);
	}

}
