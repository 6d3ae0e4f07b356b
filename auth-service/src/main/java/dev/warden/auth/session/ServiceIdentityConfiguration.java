package dev.warden.auth.session;

import java.time.Clock;

import dev.warden.serviceidentity.ServiceKey;
import dev.warden.serviceidentity.ServiceTokenMinter;
import dev.warden.serviceidentity.SignedGrants;
import dev.warden.serviceidentity.session.SessionGrantSigner;
import dev.warden.serviceidentity.session.SessionGrantVerifier;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * auth-service's own key ({@code WARDEN_SERVICE_KEY}) for calling session-service and for
 * signing session grants: without it auth-service does not start, as it could create no
 * session.
 */
@Configuration(proxyBeanMethods = false)
class ServiceIdentityConfiguration {

	@Bean
	ServiceKey serviceKey(@Value("${warden.service.key:}") String key) {
		return ServiceKey.parse("WARDEN_SERVICE_KEY (warden.service.key)", key);
	}

	@Bean
	ServiceTokenMinter serviceTokenMinter(@Value("${spring.application.name}") String name, ServiceKey key) {
		return new ServiceTokenMinter(name, key, Clock.systemUTC());
	}

	/**
	 * The same key signs each session's grant, which the gateway verifies with
	 * auth-service's public key.
	 */
	@Bean
	SessionGrantSigner sessionGrantSigner(ServiceKey key, Clock clock) {
		return new SessionGrantSigner(key, clock);
	}

	/**
	 * auth-service reads back only grants it signed itself, when it renews a session:
	 * with its key, or one it used before ({@code WARDEN_SERVICE_PREVIOUSKEYS}, public
	 * halves), so a rotation does not end sessions at renewal.
	 */
	@Bean
	SessionGrantVerifier sessionGrantVerifier(ServiceKey key,
			@Value("${warden.service.previous-keys:}") String previousKeys, Clock clock) {
		return new SessionGrantVerifier("WARDEN_SERVICE_KEY and WARDEN_SERVICE_PREVIOUSKEYS",
				SignedGrants.keySet(key.publicJson(), previousKeys), clock);
	}

}
