package dev.warden.notification.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.jspecify.annotations.Nullable;

/**
 * A mail the SMTP server refused for good goes to the dead-letter topic at once; every
 * other failure is retried by the shared error handler (exponential back-off, then
 * dead-letter). Both are counted ({@code warden.mail.retried},
 * {@code warden.mail.dead_lettered}).
 */
@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

	DeliveryConfiguration(CommonErrorHandler handler, MeterRegistry meters) {
		if (handler instanceof DefaultErrorHandler defaults) {
			defaults.addNotRetryableExceptions(PermanentMailFailure.class);
			defaults.setRetryListeners(new RetryListener() {

				@Override
				public void failedDelivery(ConsumerRecord<?, ?> record, @Nullable Exception ex, int deliveryAttempt) {
					meters.counter("warden.mail.retried").increment();
				}

				@Override
				public void recovered(ConsumerRecord<?, ?> record, @Nullable Exception ex) {
					meters.counter("warden.mail.dead_lettered").increment();
				}
			});
		}
	}

}
