package dev.warden.startup;

import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;
import org.jspecify.annotations.Nullable;

/**
 * Gives a service that uses Redis its own Redis user ({@code warden.redis.username},
 * {@code warden.redis.password}) and refuses to start it without a password: Redis lets
 * no one in without a user and password, and a service that tried would fail on its first
 * command with a bare {@code NOAUTH} instead of saying what is missing. Runs once the
 * context is prepared, after every property source (a test's too) is in place.
 */
public final class RedisCredentialsCheck implements ApplicationListener<ApplicationPreparedEvent> {

	static final String REDIS_CLIENT = "org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory";

	@Override
	public void onApplicationEvent(ApplicationPreparedEvent event) {
		ConfigurableApplicationContext context = event.getApplicationContext();
		if (!ClassUtils.isPresent(REDIS_CLIENT, event.getSpringApplication().getClassLoader())) {
			return;
		}
		Environment environment = context.getEnvironment();
		String problem = problem(environment);
		if (problem != null) {
			throw new IllegalStateException(problem);
		}
		String password = password(environment);
		if (password != null && !hasCredentials(environment.getProperty("spring.data.redis.url"))) {
			context.getBeanFactory().addBeanPostProcessor(new RedisUserPostProcessor(username(environment), password));
		}
	}

	/** Why these settings cannot reach Redis, or {@code null} when a password is set. */
	static @Nullable String problem(Environment environment) {
		if (StringUtils.hasText(password(environment))
				|| hasCredentials(environment.getProperty("spring.data.redis.url"))) {
			return null;
		}
		return "Refusing to start: no Redis password. Set WARDEN_REDIS_PASSWORD (warden.redis.password) to the"
				+ " password of the Redis user " + username(environment) + " (WARDEN_REDIS_USERNAME); Redis lets no"
				+ " one in without one (docs/architecture.md, \"Redis\")";
	}

	/** The service's Redis user: configured, else the service's name. */
	static String username(Environment environment) {
		String configured = environment.getProperty("warden.redis.username",
				environment.getProperty("spring.data.redis.username", ""));
		return StringUtils.hasText(configured) ? configured
				: environment.getProperty("spring.application.name", "this service");
	}

	private static @Nullable String password(Environment environment) {
		String configured = environment.getProperty("warden.redis.password");
		return StringUtils.hasText(configured) ? configured : environment.getProperty("spring.data.redis.password");
	}

	/** A {@code redis://user:password@host} URL carries its own credentials. */
	private static boolean hasCredentials(@Nullable String url) {
		if (url == null) {
			return false;
		}
		int scheme = url.indexOf("://");
		int at = url.indexOf('@');
		return scheme >= 0 && at > scheme && url.substring(scheme + 3, at).contains(":");
	}

}
