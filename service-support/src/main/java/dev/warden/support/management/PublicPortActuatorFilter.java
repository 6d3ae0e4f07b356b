package dev.warden.support.management;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * On the service's public port, {@code /actuator} and everything under it is not there: a
 * 404 problem before any authentication, so nobody learns that health or metrics exist.
 * They answer on the management port only.
 */
public class PublicPortActuatorFilter extends OncePerRequestFilter {

	static final String BODY = "{\"type\":\"https://warden.dev/problems/not-found\",\"title\":\"Not Found\","
			+ "\"status\":404,\"detail\":\"No such resource.\",\"code\":\"not_found\"}";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (isActuator(request.getRequestURI())) {
			response.setStatus(HttpServletResponse.SC_NOT_FOUND);
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding("UTF-8");
			response.getWriter().write(BODY);
			return;
		}
		chain.doFilter(request, response);
	}

	/**
	 * {@code /actuator}, {@code /actuator/...}, also spelled with {@code ;} parameters or
	 * doubled slashes.
	 */
	static boolean isActuator(String uri) {
		if (uri == null) {
			return false;
		}
		String path = uri.replaceAll("/{2,}", "/").toLowerCase(java.util.Locale.ROOT);
		return path.equals("/actuator") || path.startsWith("/actuator/") || path.startsWith("/actuator;")
				|| path.startsWith("/actuator%");
	}

}
