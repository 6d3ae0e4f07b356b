package dev.warden.support.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a calling service by the shared internal key, compared in constant time. A request without the
 * right key stays anonymous and the security chain refuses it.
 */
final class InternalCallFilter extends OncePerRequestFilter {

	static final String ROLE = "ROLE_SERVICE";

	private final byte[] expected;

	InternalCallFilter(InternalCallProperties properties) {
		this.expected = properties.configured() ? properties.key().getBytes(StandardCharsets.UTF_8) : null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String presented = request.getHeader(InternalCallProperties.HEADER);
		if (this.expected != null && presented != null
				&& MessageDigest.isEqual(this.expected, presented.getBytes(StandardCharsets.UTF_8))) {
			SecurityContextHolder.getContext()
				.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("internal-service", null,
						List.of(new SimpleGrantedAuthority(ROLE))));
		}
		chain.doFilter(request, response);
	}
}
