package dev.warden.support.problem;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers Spring Security's 401 and 403, which happen before any controller, as
 * problem+json like the rest of the API. The reason a token was refused is not echoed: it
 * would help an attacker more than a caller.
 */
public final class ProblemAuthenticationHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final JsonMapper json;

	public ProblemAuthenticationHandlers(JsonMapper json) {
		this.json = json;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		SecurityRefusals.log(401, "unauthenticated");
		write(response, Problems.detail(HttpStatus.UNAUTHORIZED, "unauthenticated", "Unauthenticated",
				"A valid internal identity token from the gateway is required."));
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		if (accessDeniedException instanceof ProblemAccessDeniedException problem) {
			SecurityRefusals.log(problem.status().value(), problem.code());
			write(response, Problems.detail(problem.status(), problem.code(), problem.title(), problem.getMessage()));
			return;
		}
		SecurityRefusals.log(403, "forbidden");
		write(response,
				Problems.detail(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "You are not allowed to do this."));
	}

	private void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		if (problem.getStatus() == 401) {
			response.setHeader("WWW-Authenticate", "Bearer");
		}
		java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
		body.put("type", String.valueOf(problem.getType()));
		body.put("title", problem.getTitle());
		body.put("status", problem.getStatus());
		body.put("detail", problem.getDetail());
		body.putAll(problem.getProperties());
		this.json.writeValue(response.getOutputStream(), body);
	}

}
