package dev.warden.support.problem;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** Registers problem+json handling for MVC and for Spring Security's entry points. */
@AutoConfiguration
@Import(ProblemHandler.class)
public class ProblemConfiguration {

	@Bean
	ProblemAuthenticationHandlers problemAuthenticationHandlers(JsonMapper json) {
		return new ProblemAuthenticationHandlers(json);
	}
}
