package dev.warden.support.problem;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** Registers problem+json handling for MVC, the container's error page and Spring Security's entry points. */
// Before Boot's error handling, whose BasicErrorController backs off when ours exists.
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@Import({ ProblemHandler.class, ProblemErrorController.class })
public class ProblemConfiguration {

	/**
	 * Hands encoded slashes ({@code %2F}) to Spring's HTTP firewall, which refuses them with a problem+json 400,
	 * instead of Tomcat refusing them itself with an HTML page.
	 */
	@Bean
	TomcatConnectorCustomizer encodedSlashesToTheFirewall() {
		return (connector) -> connector.setEncodedSolidusHandling("passthrough");
	}

	@Bean
	ProblemAuthenticationHandlers problemAuthenticationHandlers(JsonMapper json) {
		return new ProblemAuthenticationHandlers(json);
	}
}
