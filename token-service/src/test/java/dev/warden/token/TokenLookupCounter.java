package dev.warden.token;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Counts the statements that look a token up by its hash, on the real DataSource, so a
 * test can show that a malformed token never reaches the database.
 */
public class TokenLookupCounter implements BeanPostProcessor {

	private final AtomicInteger lookups = new AtomicInteger();

	public int lookups() {
		return this.lookups.get();
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!(bean instanceof DataSource dataSource)) {
			return bean;
		}
		return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { DataSource.class },
				forward(dataSource, (method, args, result) -> {
					if (result instanceof Connection connection) {
						return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
								forward(connection, (connectionMethod, connectionArgs, statement) -> {
									if (connectionMethod.getName().equals("prepareStatement") && connectionArgs != null
											&& String.valueOf(connectionArgs[0]).contains("where token_hash = ?")) {
										this.lookups.incrementAndGet();
									}
									return statement;
								}));
					}
					return result;
				}));
	}

	private static InvocationHandler forward(Object target, AfterCall after) {
		return (proxy, method, args) -> {
			try {
				return after.apply(method, args, method.invoke(target, args));
			}
			catch (InvocationTargetException ex) {
				throw ex.getCause();
			}
		};
	}

	@FunctionalInterface
	interface AfterCall {

		Object apply(java.lang.reflect.Method method, Object[] args, Object result) throws Throwable;

	}

}
