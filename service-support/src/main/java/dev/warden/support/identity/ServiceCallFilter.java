package dev.warden.support.identity;

import java.io.IOException;
import java.util.List;

import dev.warden.serviceidentity.ServiceTokenException;
import dev.warden.serviceidentity.ServiceTokenVerifier;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a calling service by its service token ({@code Authorization: Bearer},
 * see {@link ServiceTokenVerifier}); the principal is the caller's name. A request
 * without a valid one stays anonymous and the security chain refuses it.
 */
final class ServiceCallFilter extends OncePerRequestFilter {

	static final String ROLE = "ROLE_SERVICE";

	private static final Logger security = LoggerFactory.getLogger("warden.security");

	private final ServiceTokenVerifier verifier;

	ServiceCallFilter(ServiceTokenVerifier verifier) {
		this.verifier = verifier;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header != null) {
			try {
				String caller = this.verifier.verifyAuthorization(header);
				SecurityContextHolder.getContext()
					.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(caller, null,
							List.of(new SimpleGrantedAuthority(ROLE))));
			}
			catch (ServiceTokenException ex) {
				security.warn("internal call refused: {} ({} {})", ex.getMessage(), request.getMethod(),
						request.getRequestURI());
			}
		}
		chain.doFilter(request, response);
	}

}
