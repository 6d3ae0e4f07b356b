package dev.warden.support.identity;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service checks the internal JWT the gateway forwards (docs/architecture.md,
 * "Identity inside the suite").
 *
 * @param jwks the URL of the gateway's JWK Set (RFC 7517 §5),
 * {@code WARDEN_IDENTITY_JWKS}; several gateway replicas' URLs separated by commas, each
 * tried in turn when one is down
 * @param issuer the only accepted {@code iss}
 * @param maxLifetime the longest {@code exp - iat} accepted, so a long-lived token minted
 * elsewhere is refused
 * @param publicPaths paths served without a token (health probes, metrics scrape, the
 * error page)
 * @param recentAuthentication how recent a sign-in sensitive actions need (default 15
 * min)
 * @param anonymousPaths paths that need the gateway's token but no user: signing in,
 * where the gateway vouches for the request (and its rate limits) with an anonymous token
 * carrying only the client's address; every other path refuses an anonymous token
 */
@ConfigurationProperties("warden.identity")
public record IdentityProperties(@DefaultValue("http://localhost:8080/.well-known/jwks.json") String jwks,
		@DefaultValue("warden-gateway") String issuer, @DefaultValue("60s") Duration maxLifetime, @DefaultValue( {
				"/actuator/health", "/actuator/health/**", "/actuator/prometheus", "/actuator/info",
				"/error" }) List<String> publicPaths,
		@DefaultValue("15m") Duration recentAuthentication, @DefaultValue({}) List<String> anonymousPaths){
}
