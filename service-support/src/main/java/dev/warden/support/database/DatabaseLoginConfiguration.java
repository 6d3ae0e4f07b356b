package dev.warden.support.database;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * The database login check of every PostgreSQL-backed service ({@link SuperuserRefusal}).
 */
@AutoConfiguration
@ConditionalOnClass(name = "org.postgresql.Driver")
public class DatabaseLoginConfiguration {

	@Bean
	static BeanPostProcessor superuserRefusal() {
		return new SuperuserRefusal();
	}

}
