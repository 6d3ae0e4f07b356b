package dev.warden.support.problem;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;

/**
 * Tomcat's own error answers — a request it refuses before Spring sees it, such as a path
 * with an encoded backslash or a dot-segment above the root — as problem+json instead of
 * Tomcat's HTML page. Errors Spring handles never get here: they already have a body.
 */
final class ProblemErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		// Tomcat's own conditions: an error no one has written a body for, reported once.
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(false);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		HttpStatusCode code = HttpStatusCode.valueOf(status);
		HttpStatus known = HttpStatus.resolve(status);
		String problem = "{\"type\":\"https://warden.dev/problems/" + Problems.codeFor(code).replace('_', '-')
				+ "\",\"title\":\"" + (known == null ? "Error" : known.getReasonPhrase()) + "\",\"status\":" + status
				+ ",\"detail\":\"" + (code.is5xxServerError() ? "Something went wrong on our side; it has been logged."
						: "The request was rejected.")
				+ "\",\"code\":\"" + Problems.codeFor(code) + "\"}";
		try {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(problem);
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The client is gone or the response was committed meanwhile: nothing left to
			// tell anyone.
		}
	}

}
