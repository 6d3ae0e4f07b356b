package dev.warden.support.problem;

import java.net.URI;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.jspecify.annotations.Nullable;

/**
 * Builds the problem+json bodies (RFC 9457) every service answers with; {@code code} is
 * the stable key.
 */
public final class Problems {

	public static final String CODE = "code";

	public static final String ERRORS = "errors";

	private Problems() {
	}

	public static ProblemDetail detail(HttpStatusCode status, String code, String title, @Nullable String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		problem.setType(URI.create("https://warden.dev/problems/" + code.replace('_', '-').replace('.', '-')));
		problem.setProperty(CODE, code);
		return problem;
	}

	public static ProblemException validation(List<FieldProblem> errors) {
		return new ProblemException(HttpStatus.BAD_REQUEST, "validation_failed", "Invalid request",
				"One or more fields are invalid.", errors, java.util.Map.of(),
				org.springframework.http.HttpHeaders.EMPTY);
	}

	public static ProblemException badRequest(String code, String detail) {
		return new ProblemException(HttpStatus.BAD_REQUEST, code, "Bad request", detail);
	}

	public static ProblemException notFound(String code, String detail) {
		return new ProblemException(HttpStatus.NOT_FOUND, code, "Not found", detail);
	}

	public static ProblemException forbidden(String code, String detail) {
		return new ProblemException(HttpStatus.FORBIDDEN, code, "Forbidden", detail);
	}

	/** The stable code for a status when nothing more specific applies. */
	static String codeFor(HttpStatusCode status) {
		return switch (status.value()) {
			case 400 -> "bad_request";
			case 401 -> "unauthenticated";
			case 403 -> "forbidden";
			case 404 -> "not_found";
			case 405 -> "method_not_allowed";
			case 406 -> "not_acceptable";
			case 409 -> "conflict";
			case 413 -> "payload_too_large";
			case 415 -> "unsupported_media_type";
			case 429 -> "too_many_requests";
			case 503 -> "service_unavailable";
			default -> status.is5xxServerError() ? "internal_error" : "request_failed";
		};
	}

}
