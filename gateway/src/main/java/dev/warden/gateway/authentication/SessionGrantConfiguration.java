package dev.warden.gateway.authentication;

import java.time.Clock;

import dev.warden.serviceidentity.session.SessionGrantVerifier;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * auth-service's public key, which every session grant must verify against: without it
 * the gateway does not start, as it could establish no session's identity.
 */
@Configuration(proxyBeanMethods = false)
class SessionGrantConfiguration {

	static final String SETTING = "WARDEN_INTERNAL_AUTHSERVICEKEY (warden.internal.auth-service-key)";

	@Bean
	SessionGrantVerifier sessionGrantVerifier(@Value("${warden.internal.auth-service-key:}") String key) {
		return new SessionGrantVerifier(SETTING, key, Clock.systemUTC());
	}

}
