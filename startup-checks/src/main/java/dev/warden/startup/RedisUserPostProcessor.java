package dev.warden.startup;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.data.redis.connection.RedisPassword;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Signs the Redis client in as the service's user. Spring Boot takes the user name and
 * password from {@code spring.data.redis.url} alone once a URL is set, and
 * {@code WARDEN_REDIS_URL} carries none, so they are set on the connection factory before
 * it starts.
 */
final class RedisUserPostProcessor implements BeanPostProcessor {

	private final String username;

	private final String password;

	RedisUserPostProcessor(String username, String password) {
		this.username = username;
		this.password = password;
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof LettuceConnectionFactory factory) {
			RedisStandaloneConfiguration standalone = factory.getStandaloneConfiguration();
			standalone.setUsername(this.username);
			standalone.setPassword(RedisPassword.of(this.password));
		}
		return bean;
	}

}
