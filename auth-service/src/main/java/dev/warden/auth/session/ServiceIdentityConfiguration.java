package dev.warden.auth.session;

import java.time.Clock;

import dev.warden.serviceidentity.ServiceKey;
import dev.warden.serviceidentity.ServiceTokenMinter;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * auth-service's own key for calling session-service ({@code WARDEN_SERVICE_KEY}): without it auth-service does
 * not start, as it could create no session.
 */
@Configuration(proxyBeanMethods = false)
class ServiceIdentityConfiguration {

	@Bean
	ServiceTokenMinter serviceTokenMinter(@Value("${spring.application.name}") String name,
			@Value("${warden.service.key:}") String key) {
		return new ServiceTokenMinter(name, ServiceKey.parse("WARDEN_SERVICE_KEY (warden.service.key)", key),
				Clock.systemUTC());
	}
}
