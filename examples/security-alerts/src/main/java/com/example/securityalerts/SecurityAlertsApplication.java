package com.example.securityalerts;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Another team's service: it tells a user's security contact when Warden reports that
 * someone who knows the user's password failed the second step, or that the account was
 * locked. It reads {@code warden.auth.events} and nothing else of Warden.
 */
@SpringBootApplication
public class SecurityAlertsApplication {

	public static void main(String[] args) {
		SpringApplication.run(SecurityAlertsApplication.class, args);
	}

}
