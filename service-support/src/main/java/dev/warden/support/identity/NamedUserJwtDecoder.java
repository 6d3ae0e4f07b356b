package dev.warden.support.identity;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Accepts only an internal JWT that names a user ({@code sub}): the gateway's anonymous
 * tokens (signing in) are refused like any invalid token (401) everywhere but on the
 * anonymous paths.
 */
final class NamedUserJwtDecoder implements JwtDecoder {

	private final JwtDecoder delegate;

	NamedUserJwtDecoder(JwtDecoder delegate) {
		this.delegate = delegate;
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Jwt jwt = this.delegate.decode(token);
		if (jwt.getSubject() == null || jwt.getSubject().isBlank()) {
			throw new BadJwtException("The internal token names no user");
		}
		return jwt;
	}

}
