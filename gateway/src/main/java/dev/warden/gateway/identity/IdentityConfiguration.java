package dev.warden.gateway.identity;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Signing key, minter, and the public JWK Set endpoint services fetch to verify internal tokens. */
@Configuration(proxyBeanMethods = false)
class IdentityConfiguration {

	static final String JWKS_PATH = "/.well-known/jwks.json";

	@Bean
	SigningKeys signingKeys(InternalTokenProperties properties) {
		return SigningKeys.from(properties);
	}

	@Bean
	InternalTokenMinter internalTokenMinter(SigningKeys keys, InternalTokenProperties properties) {
		return new InternalTokenMinter(keys, properties, Clock.systemUTC());
	}

	@Bean
	RouterFunction<ServerResponse> jwksEndpoint(SigningKeys keys) {
		String body = keys.publicJwkSetJson();
		return RouterFunctions.route()
			.GET(JWKS_PATH, (request) -> ServerResponse.ok()
				.contentType(MediaType.parseMediaType("application/jwk-set+json"))
				.cacheControl(CacheControl.maxAge(java.time.Duration.ofMinutes(5)))
				.bodyValue(body))
			.build();
	}
}
