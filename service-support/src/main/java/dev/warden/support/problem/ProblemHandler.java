package dev.warden.support.problem;

import java.util.List;

import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.jspecify.annotations.Nullable;

/**
 * Turns every failure into RFC 9457 problem+json with a stable {@code code}: the
 * service's own {@link ProblemException}s, Spring MVC's 4xx (unknown path, wrong method
 * or media type, unreadable JSON, invalid fields) and, last, anything unexpected as a 500
 * that names no class and carries no stack trace.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

	@ExceptionHandler(ProblemException.class)
	ResponseEntity<ProblemDetail> handleProblem(ProblemException ex) {
		SecurityRefusals.log(ex.status().value(), ex.code());
		ProblemDetail body = Problems.detail(ex.status(), ex.code(), ex.title(), ex.getMessage());
		if (!ex.errors().isEmpty()) {
			body.setProperty(Problems.ERRORS, ex.errors());
		}
		ex.properties().forEach(body::setProperty);
		return ResponseEntity.status(ex.status()).headers(ex.headers()).body(body);
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<ProblemDetail> handleTypeMismatch(MethodArgumentTypeMismatchException ex) {
		return handleProblem(Problems.validation(
				List.of(new FieldProblem(ex.getName(), "invalid_value", "The value has the wrong type or format."))));
	}

	/**
	 * Constraint violations raised by {@code @Validated} beans, outside MVC's own method
	 * validation.
	 */
	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<ProblemDetail> handleConstraintViolation(ConstraintViolationException ex) {
		List<FieldProblem> errors = ex.getConstraintViolations()
			.stream()
			.map((violation) -> new FieldProblem(lastNode(violation.getPropertyPath().toString()),
					ValidationCodes
						.of(violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName()),
					violation.getMessage()))
			.toList();
		return handleProblem(Problems.validation(errors));
	}

	private static String lastNode(String path) {
		int dot = path.lastIndexOf('.');
		return dot < 0 ? path : path.substring(dot + 1);
	}

	// Security exceptions thrown from @PreAuthorize inside MVC must keep their meaning,
	// not become a 500.
	@ExceptionHandler(AccessDeniedException.class)
	ResponseEntity<ProblemDetail> handleAccessDenied(AccessDeniedException ex) {
		return handleProblem(Problems.forbidden("forbidden", "You are not allowed to do this."));
	}

	@ExceptionHandler(AuthenticationException.class)
	ResponseEntity<ProblemDetail> handleAuthentication(AuthenticationException ex) {
		return handleProblem(new ProblemException(HttpStatus.UNAUTHORIZED, "unauthenticated", "Unauthenticated",
				"Authentication is required."));
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> handleUnexpected(Exception ex) {
		if (dev.warden.support.kafka.InfrastructureFailures.isUnavailable(ex)) {
			// A store that cannot be reached: nothing was changed (the transaction never
			// began or rolled back),
			// and trying again shortly is the right advice.
			log.warn("A store is unreachable: {}", ex.toString());
			ResponseEntity<ProblemDetail> problem = handleProblem(
					new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "service_unavailable", "Service unavailable",
							"This is unavailable for a moment. Try again shortly."));
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
				.headers(problem.getHeaders())
				.header(HttpHeaders.RETRY_AFTER, "5")
				.body(problem.getBody());
		}
		log.error("Unexpected failure", ex);
		return handleProblem(new ProblemException(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "Internal error",
				"Something went wrong on our side; it has been logged."));
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldProblem> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map((error) -> new FieldProblem(error.getField(), ValidationCodes.of(error.getCode()),
					error.getDefaultMessage()))
			.toList();
		return new ResponseEntity<>(handleProblem(Problems.validation(errors)).getBody(), HttpStatus.BAD_REQUEST);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldProblem> errors = ex.getParameterValidationResults()
			.stream()
			.flatMap(
					(result) -> result.getResolvableErrors()
						.stream()
						.map((error) -> new FieldProblem(result.getMethodParameter().getParameterName(),
								ValidationCodes.of(error.getCodes() == null ? null
										: error.getCodes()[error.getCodes().length - 1]),
								error.getDefaultMessage())))
			.toList();
		return new ResponseEntity<>(handleProblem(Problems.validation(errors)).getBody(), HttpStatus.BAD_REQUEST);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		// The parser's message can echo input back; say only what kind of problem it is.
		ProblemDetail body = Problems.detail(HttpStatus.BAD_REQUEST, "malformed_request", "Malformed request",
				"The request body is missing or is not valid JSON of the expected shape.");
		return new ResponseEntity<>(body, HttpStatus.BAD_REQUEST);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
			HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
		if (body instanceof ProblemDetail problem && problem.getProperties() != null
				&& problem.getProperties().containsKey(Problems.CODE)) {
			return super.handleExceptionInternal(ex, body, headers, statusCode, request);
		}
		String detail = (body instanceof ProblemDetail problem) ? problem.getDetail() : null;
		ProblemDetail problem = Problems.detail(statusCode, Problems.codeFor(statusCode),
				HttpStatus.valueOf(statusCode.value()).getReasonPhrase(), detail);
		return super.handleExceptionInternal(ex, problem, headers, statusCode, request);
	}

}
