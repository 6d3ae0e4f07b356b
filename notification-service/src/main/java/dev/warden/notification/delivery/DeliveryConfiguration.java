package dev.warden.notification.delivery;

import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;

/**
 * A mail the SMTP server refused for good goes to the dead-letter topic at once; every other failure is retried
 * by the shared error handler (exponential back-off, then dead-letter).
 */
@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

	DeliveryConfiguration(CommonErrorHandler handler) {
		if (handler instanceof DefaultErrorHandler defaults) {
			defaults.addNotRetryableExceptions(PermanentMailFailure.class);
		}
	}
}
