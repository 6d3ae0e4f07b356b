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
			properties.put("warden.internal.key", TestJwts.INTERNAL_KEY);
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
