package dev.warden.infra.test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.warden.infra.TestInfrastructure;
import dev.warden.infra.kafka.KafkaCredentials;
import dev.warden.infra.kafka.KafkaPrincipals;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Points every Spring test context of a module that depends on this one at the JVM's
 * shared embedded infrastructure and at {@link TestJwts#shared()}'s JWK Set, and gives it
 * the Redis user and the Kafka principal of the service it runs (by
 * {@code spring.application.name}, which application.yml has set by now), so each
 * service's tests meet only the rights it has in production. Registered in
 * {@code META-INF/spring.factories}, so service tests need no annotation, and equal
 * configurations still share one cached context.
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
			TestInfrastructure infrastructure = SharedInfrastructure.get();
			Map<String, Object> properties = new LinkedHashMap<>(infrastructure.serviceProperties());
			String service = context.getEnvironment().getProperty("spring.application.name");
			String password = service == null ? null : infrastructure.redisPassword(service);
			if (password != null) {
				properties.put("warden.redis.username", service);
				properties.put("warden.redis.password", password);
			}
			properties.putAll(kafkaSignIn(service));
			properties.put("warden.identity.jwks", TestJwts.shared().jwksUri());
			// Calls between services: the gateway's and auth-service's keys are accepted,
			// and a service that calls
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
			if (service != null) {
				TestJwts.serviceUnderTest(service);
				checkAnswers(context, service);
			}
			context.getEnvironment()
				.getPropertySources()
				.addAfter("systemEnvironment", new MapPropertySource("warden-embedded-infrastructure", properties));
		}

		/**
		 * A servlet service's answers on public paths are held to its API description
		 * ({@link ApiResponseCheck}).
		 */
		private static void checkAnswers(ConfigurableApplicationContext context, String service) {
			if (!org.springframework.util.ClassUtils.isPresent("jakarta.servlet.Filter", null)) {
				return;
			}
			ApiContract.of(service)
				.ifPresent((contract) -> context.addBeanFactoryPostProcessor((beanFactory) -> beanFactory
					.registerSingleton("apiResponseCheck", new ApiResponseCheck(contract))));
		}

		/**
		 * A context that is none of the services (a test application of a shared module)
		 * gets the tests' principal.
		 */
		private static Map<String, String> kafkaSignIn(String application) {
			KafkaCredentials credentials = SharedInfrastructure.get().kafkaCredentials();
			return credentials.serviceProperties(
					application != null && credentials.knows(application) ? application : KafkaPrincipals.TEST.name());
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
