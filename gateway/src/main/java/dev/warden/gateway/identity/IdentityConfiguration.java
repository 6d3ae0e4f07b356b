package dev.warden.gateway.identity;

import java.time.Clock;

import dev.warden.serviceidentity.ServiceKey;
import dev.warden.serviceidentity.ServiceTokenMinter;
import dev.warden.serviceidentity.token.TokenGrants;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Signing key, minters (users' internal tokens, the gateway's own service token, API
 * token grants), and the public JWK Set endpoint services fetch to verify internal
 * tokens.
 */
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
	 * The gateway's own key for calling services' internal APIs
	 * ({@code WARDEN_SERVICE_KEY}; not the key that signs users' internal tokens):
	 * without it the gateway does not start, as it could verify no caller.
	 */
	@Bean
	ServiceKey serviceKey(@Value("${warden.service.key:}") String key) {
		return ServiceKey.parse("WARDEN_SERVICE_KEY (warden.service.key)", key);
	}

	@Bean
	ServiceTokenMinter serviceTokenMinter(@Value("${spring.application.name}") String name, ServiceKey key) {
		return new ServiceTokenMinter(name, key, Clock.systemUTC());
	}

	/**
	 * The same key signs each API token's grant at its creation; grants of the keys
	 * listed in {@code WARDEN_SERVICE_PREVIOUSKEYS} stay valid, so a rotation does not
	 * end the tokens made before it.
	 */
	@Bean
	TokenGrants tokenGrants(ServiceKey key, @Value("${warden.service.previous-keys:}") String previousKeys) {
		return new TokenGrants(key, previousKeys, Clock.systemUTC());
	}

	@Bean
	RouterFunction<ServerResponse> jwksEndpoint(SigningKeys keys) {
		String body = keys.publicJwkSetJson();
		return RouterFunctions.route()
			.GET(JWKS_PATH,
					(request) -> ServerResponse.ok()
						.contentType(MediaType.parseMediaType("application/jwk-set+json"))
						.cacheControl(CacheControl.maxAge(java.time.Duration.ofMinutes(5)))
						.bodyValue(body))
			.build();
	}

}
