package dev.warden.infra.test;

import java.net.URI;

import dev.warden.infra.RedisAcl;
import dev.warden.infra.TestInfrastructure;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * A client of the shared test Redis as {@link RedisAcl#TEST}, for tests that look at
 * Redis from outside a service (list its keys, expire one as time would). A service's own
 * client has only that service's rights.
 */
public final class TestRedis {

	private static StringRedisTemplate template;

	private TestRedis() {
	}

	/** Every key and command; one client per JVM, closed with it. */
	public static synchronized StringRedisTemplate unrestricted() {
		if (template == null) {
			TestInfrastructure infrastructure = SharedInfrastructure.get();
			URI url = URI.create(infrastructure.redisUrl());
			RedisStandaloneConfiguration configuration = new RedisStandaloneConfiguration(url.getHost(), url.getPort());
			configuration.setUsername(RedisAcl.TEST.name());
			configuration.setPassword(infrastructure.redisPassword(RedisAcl.TEST.name()));
			LettuceConnectionFactory connections = new LettuceConnectionFactory(configuration);
			connections.afterPropertiesSet();
			connections.start();
			Runtime.getRuntime().addShutdownHook(new Thread(connections::destroy, "test-redis-stop"));
			template = new StringRedisTemplate(connections);
		}
		return template;
	}

}
