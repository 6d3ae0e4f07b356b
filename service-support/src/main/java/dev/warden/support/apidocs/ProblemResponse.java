package dev.warden.support.apidocs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A problem (RFC 9457) an endpoint answers with, beyond those every endpoint may give
 * ({@link ApiDocsConfiguration}): its status and the stable {@code code}s it carries
 * then. The API description lists exactly these codes, and the tests hold every answer to
 * them.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Repeatable(ProblemResponses.class)
public @interface ProblemResponse {

	/** The HTTP status. */
	int status();

	/** The stable codes of the problems at that status. */
	String[] codes();

	/** When the endpoint answers so. */
	String description();

}
