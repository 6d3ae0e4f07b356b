package dev.warden.gateway.problem;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where a route's circuit breaker sends a request its service could not answer (down, too
 * slow, breaker open): a 503 problem naming the service, never a stack trace.
 */
@RestController
class FallbackController {

	@RequestMapping("/fallback/{service}")
	ResponseEntity<Map<String, Object>> unavailable(@PathVariable String service) {
		Map<String, Object> body = new java.util.LinkedHashMap<>(
				GatewayProblems.body(HttpStatus.SERVICE_UNAVAILABLE, "service_unavailable", "Service unavailable",
						"The " + service + " is not answering right now. Try again shortly."));
		body.put("service", service);
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.header("Retry-After", "5")
			.body(body);
	}

}
