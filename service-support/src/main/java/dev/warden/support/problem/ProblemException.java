package dev.warden.support.problem;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A failure the caller can act on, answered as RFC 9457 problem+json with a stable
 * {@code code}. Features build these through their own {@code ...Errors} factories rather
 * than here.
 */
public class ProblemException extends RuntimeException {

	private final HttpStatus status;

	private final String code;

	private final String title;

	private final List<FieldProblem> errors;

	private final Map<String, Object> properties;

	private final HttpHeaders headers;

	public ProblemException(HttpStatus status, String code, String title, String detail) {
		this(status, code, title, detail, List.of(), Map.of(), HttpHeaders.EMPTY);
	}

	public ProblemException(HttpStatus status, String code, String title, String detail, List<FieldProblem> errors,
			Map<String, Object> properties, HttpHeaders headers) {
		super(detail, null, false, false);
		this.status = status;
		this.code = code;
		this.title = title;
		this.errors = List.copyOf(errors);
		this.properties = Map.copyOf(properties);
		this.headers = headers;
	}

	public HttpStatus status() {
		return this.status;
	}

	public String code() {
		return this.code;
	}

	public String title() {
		return this.title;
	}

	public List<FieldProblem> errors() {
		return this.errors;
	}

	public Map<String, Object> properties() {
		return this.properties;
	}

	public HttpHeaders headers() {
		return this.headers;
	}

}
