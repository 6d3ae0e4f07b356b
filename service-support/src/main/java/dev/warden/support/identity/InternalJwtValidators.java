package dev.warden.support.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;

/**
 * The claim checks an internal JWT must pass: issuer, audience (this service and no
 * other), expiry with a small clock skew, and a short lifetime. Whether it must name a
 * user ({@code sub}) depends on the path: see {@link NamedUserJwtDecoder}.
 */
final class InternalJwtValidators {

	/**
	 * Gateway and services share a clock source (NTP) and tokens live ≤ 60 s: Spring's
	 * default 60 s of skew would double a token's life, so a few seconds only.
	 */
	static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

	private InternalJwtValidators() {
	}

	/**
	 * @param service this service's name: the gateway addresses each token to the one
	 * service its route goes to, so a token captured at one service is refused by every
	 * other
	 */
	static OAuth2TokenValidator<Jwt> of(IdentityProperties properties, String service) {
		List<String> audience = List.of(service);
		return JwtValidators.createDefaultWithValidators(
				List.of(new JwtIssuerValidator(properties.issuer()), new JwtTimestampValidator(CLOCK_SKEW),
						new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, audience::equals),
						maxLifetime(properties.maxLifetime())));
	}

	/**
	 * Refuses a token whose lifetime exceeds the limit, or that lacks
	 * {@code iat}/{@code exp}.
	 */
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
