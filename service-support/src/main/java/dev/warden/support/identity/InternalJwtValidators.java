package dev.warden.support.identity;

import java.time.Duration;
import java.time.Instant;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;

/** The claim checks an internal JWT must pass: issuer, audience, expiry, a subject, and a short lifetime. */
final class InternalJwtValidators {

	private InternalJwtValidators() {
	}

	static OAuth2TokenValidator<Jwt> of(IdentityProperties properties) {
		return new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(properties.issuer()),
				new JwtClaimValidator<java.util.List<String>>(JwtClaimNames.AUD,
						(aud) -> aud != null && aud.contains(properties.audience())),
				new JwtClaimValidator<String>(JwtClaimNames.SUB, (sub) -> sub != null && !sub.isBlank()),
				maxLifetime(properties.maxLifetime()));
	}

	/** Refuses a token whose lifetime exceeds the limit, or that lacks {@code iat}/{@code exp}. */
	private static OAuth2TokenValidator<Jwt> maxLifetime(Duration limit) {
		return (jwt) -> {
			Instant issued = jwt.getIssuedAt();
			Instant expires = jwt.getExpiresAt();
			if (issued == null || expires == null || Duration.between(issued, expires).compareTo(limit) > 0) {
				return OAuth2TokenValidatorResult
					.failure(new OAuth2Error("invalid_token", "internal token lifetime too long", null));
			}
			return OAuth2TokenValidatorResult.success();
		};
	}
}
