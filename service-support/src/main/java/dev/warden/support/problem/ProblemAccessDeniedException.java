package dev.warden.support.problem;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;

/**
 * A refusal by the security chain that says why, answered with its own code instead of
 * the generic "forbidden".
 */
public class ProblemAccessDeniedException extends AccessDeniedException {

	private final HttpStatus status;

	private final String code;

	private final String title;

	public ProblemAccessDeniedException(HttpStatus status, String code, String title, String detail) {
		super(detail);
		this.status = status;
		this.code = code;
		this.title = title;
	}

	HttpStatus status() {
		return this.status;
	}

	String code() {
		return this.code;
	}

	String title() {
		return this.title;
	}

}
