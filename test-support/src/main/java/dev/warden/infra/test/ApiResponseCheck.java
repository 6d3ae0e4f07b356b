package dev.warden.infra.test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.web.util.ContentCachingRequestWrapper;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Holds every answer a servlet service gives its tests on a public path to the service's
 * API description, before the client sees it, and every request body it accepts; what
 * does not match is recorded for {@link ApiContractListener}, which fails the test that
 * caused it. First of all filters, so the refusals of the security chain are checked too.
 */
final class ApiResponseCheck implements Filter, Ordered {

	private static final Logger log = LoggerFactory.getLogger(ApiResponseCheck.class);

	private final ApiContract contract;

	ApiResponseCheck(ApiContract contract) {
		this.contract = contract;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse answer)
				|| !http.getRequestURI().startsWith("/api/")) {
			chain.doFilter(request, response);
			return;
		}
		ContentCachingRequestWrapper asked = new ContentCachingRequestWrapper(http, 1 << 20);
		ContentCachingResponseWrapper caching = new ContentCachingResponseWrapper(answer);
		try {
			chain.doFilter(asked, caching);
		}
		finally {
			if (http.isAsyncStarted()) {
				// A streamed body (the CSV export) is written after this returns.
				http.getAsyncContext().addListener(new AsyncListener() {

					@Override
					public void onComplete(AsyncEvent event) throws IOException {
						checkAndSend(asked, caching);
					}

					@Override
					public void onTimeout(AsyncEvent event) {
					}

					@Override
					public void onError(AsyncEvent event) {
					}

					@Override
					public void onStartAsync(AsyncEvent event) {
					}

				});
			}
			else {
				checkAndSend(asked, caching);
			}
		}
	}

	private void checkAndSend(ContentCachingRequestWrapper http, ContentCachingResponseWrapper caching)
			throws IOException {
		List<String> violations = new ArrayList<>();
		if (caching.isCommitted() && caching.getContentSize() == 0 && caching.getStatus() >= 400) {
			// sendError: the container writes the problem in an error dispatch, out of
			// sight
			// here (service-support's ProblemResponsesIT checks those).
			caching.copyBodyToResponse();
			return;
		}
		violations.addAll(this.contract.check(http.getMethod(), http.getRequestURI(), caching.getStatus(),
				caching.getContentType(), caching.getContentAsByteArray()));
		if (caching.getStatus() / 100 == 2) {
			violations.addAll(this.contract.checkAccepted(http.getMethod(), http.getRequestURI(), http.getContentType(),
					http.getContentAsByteArray()));
		}
		for (String violation : violations) {
			log.error("Answer not as described: {}", violation);
			ApiContract.record(violation);
		}
		caching.copyBodyToResponse();
	}

}
