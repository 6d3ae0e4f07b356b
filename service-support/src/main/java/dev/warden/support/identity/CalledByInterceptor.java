package dev.warden.support.identity;

import java.util.Arrays;

import dev.warden.support.problem.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Lets an authenticated service reach an internal endpoint only if the endpoint names it
 * ({@link CalledBy}); an endpoint that names nobody is closed to all. 403
 * {@code caller_not_allowed} otherwise.
 */
final class CalledByInterceptor implements HandlerInterceptor {

	private static final Logger security = LoggerFactory.getLogger("warden.security");

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		Authentication caller = SecurityContextHolder.getContext().getAuthentication();
		// Anything under /internal that is not an annotated controller method (a resource
		// handler, a function
		// route added later) names no caller, so it is closed like an unannotated one.
		CalledBy allowed = null;
		if (handler instanceof HandlerMethod method) {
			allowed = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), CalledBy.class);
			if (allowed == null) {
				allowed = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), CalledBy.class);
			}
		}
		String name = caller == null ? null : caller.getName();
		if (allowed != null && name != null && Arrays.asList(allowed.value()).contains(name)) {
			return true;
		}
		security.warn("internal call refused: {} may not call {} {}", name, request.getMethod(),
				request.getRequestURI());
		throw Problems.forbidden("caller_not_allowed", "This service may not call this endpoint.");
	}

}
