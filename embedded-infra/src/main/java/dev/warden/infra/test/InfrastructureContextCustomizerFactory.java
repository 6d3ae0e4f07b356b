package dev.warden.infra.test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Points every Spring test context of a module that depends on this one at the JVM's shared embedded
 * infrastructure and at {@link TestJwts#shared()}'s JWK Set. Registered in {@code META-INF/spring.factories},
 * so service tests need no annotation, and equal configurations still share one cached context.
 */
public final class InfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		return new InfrastructureCustomizer();
	}

	private static final class InfrastructureCustomizer implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			Map<String, Object> properties = new LinkedHashMap<>(SharedInfrastructure.get().serviceProperties());
			properties.put("warden.identity.jwks", TestJwts.shared().jwksUri());
			// Calls between services: the gateway's and auth-service's keys are accepted, and a service that calls
			// others (auth-service) signs with its own.
			properties.put("warden.internal.gateway-key", TestJwts.GATEWAY_SERVICE_KEY.publicJson());
			properties.put("warden.internal.auth-service-key", TestJwts.AUTH_SERVICE_KEY.publicJson());
			properties.put("warden.service.key", TestJwts.AUTH_SERVICE_KEY.privateJson());
			// A service's own database login, never the superuser (services refuse it).
			String database = context.getEnvironment().getProperty("warden.postgres.database");
			if (database != null && dev.warden.infra.InfrastructureSettings.SERVICE_DATABASES.contains(database)) {
				properties.put("warden.postgres.username", database);
				properties.put("warden.postgres.password", SharedInfrastructure.databaseOwnerPassword(database));
			}
			String service = context.getEnvironment().getProperty("spring.application.name");
			if (service != null) {
				TestJwts.serviceUnderTest(service);
			}
			context.getEnvironment()
				.getPropertySources()
				.addAfter("systemEnvironment", new MapPropertySource("warden-embedded-infrastructure", properties));
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof InfrastructureCustomizer;
		}

		@Override
		public int hashCode() {
			return InfrastructureCustomizer.class.hashCode();
		}
	}
}
