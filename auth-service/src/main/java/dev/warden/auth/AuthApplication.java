package dev.warden.auth;

import dev.warden.auth.admin.BreakGlass;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** auth-service: users, roles, passwords and their policy, two-factor secrets, login. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class AuthApplication {

	public static void main(String[] args) {
		if (BreakGlass.isCommand(args)) {
			System.exit(BreakGlass.runFromConsole(args));
		}
		SpringApplication.run(AuthApplication.class, args);
	}

}
