package dev.warden.support.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers errors raised outside any controller (the servlet container's
 * {@code sendError}, e.g. a request the HTTP firewall rejected) as problem+json too,
 * instead of Boot's default error body.
 */
@RestController
class ProblemErrorController implements ErrorController {

	@RequestMapping("/error")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatusCode status = HttpStatusCode.valueOf(code instanceof Integer value ? value : 500);
		HttpStatus known = HttpStatus.resolve(status.value());
		String detail = status.is5xxServerError() ? "Something went wrong on our side; it has been logged."
				: "The request was rejected.";
		ProblemDetail body = Problems.detail(status, Problems.codeFor(status),
				known == null ? "Error" : known.getReasonPhrase(), detail);
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
	}

}
