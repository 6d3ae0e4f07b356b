package dev.warden.gateway.identity;

import java.time.Clock;

import dev.warden.serviceidentity.ServiceKey;
import dev.warden.serviceidentity.ServiceTokenMinter;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Signing key, minters (users' internal tokens, the gateway's own service token), and the public JWK Set endpoint services fetch to verify internal tokens. */
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

	/**
	 * The gateway's own key for calling services' internal APIs ({@code WARDEN_SERVICE_KEY}; not the key that signs
	 * users' internal tokens): without it the gateway does not start, as it could verify no caller.
	 */
	@Bean
	ServiceTokenMinter serviceTokenMinter(@Value("${spring.application.name}") String name,
			@Value("${warden.service.key:}") String key) {
		return new ServiceTokenMinter(name, ServiceKey.parse("WARDEN_SERVICE_KEY (warden.service.key)", key),
				Clock.systemUTC());
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
