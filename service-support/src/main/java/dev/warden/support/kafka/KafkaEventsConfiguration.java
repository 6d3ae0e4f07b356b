package dev.warden.support.kafka;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.kafka.support.LoggingProducerListener;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.kafka.support.ProducerListener;

/**
 * The consumer error handling every listener shares: retry with exponential back-off,
 * then dead-letter; malformed records and events from a source that does not own their
 * topic go to the dead-letter topic at once; a store that is down is waited for.
 *
 * <p>
 * No topic is declared here: a service's Kafka principal may write only its own topic and
 * its dead-letter twins, never create one. The infrastructure creates every event topic
 * and its {@code -dlt} twin with the same partition count (the recoverer keeps the
 * partition): the embedded broker at start, {@code kafka-init} in Docker Compose.
 */
// Before Boot's Kafka auto-configuration, so its default producer listener backs off in
// favour of ours.
@AutoConfiguration(beforeName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@EnableConfigurationProperties(KafkaEventsProperties.class)
public class KafkaEventsConfiguration {

	@Bean
	CommonErrorHandler wardenEventErrorHandler(KafkaTemplate<String, String> template,
			KafkaEventsProperties properties) {
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template);
		ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(properties.retryAttempts());
		backOff.setInitialInterval(properties.retryInitial().toMillis());
		backOff.setMultiplier(2.0);
		backOff.setMaxInterval(properties.retryMax().toMillis());
		DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
		handler.addNotRetryableExceptions(MalformedEventException.class);
		// A database or Redis that cannot be reached says nothing about the record: wait
		// for it, however long,
		// rather than dead-letter good events. The offset stays uncommitted meanwhile.
		ExponentialBackOff untilBack = new ExponentialBackOff(properties.retryInitial().toMillis(), 2.0);
		untilBack.setMaxInterval(properties.retryMax().toMillis());
		handler.setBackOffFunction((record, ex) -> InfrastructureFailures.isUnavailable(ex) ? untilBack : null);
		return handler;
	}

	/**
	 * Logs failed sends without the record's contents: events carry personal data such as
	 * e-mail addresses.
	 */
	@Bean
	ProducerListener<Object, Object> wardenProducerListener() {
		LoggingProducerListener<Object, Object> listener = new LoggingProducerListener<>();
		listener.setIncludeContents(false);
		return listener;
	}

	@Bean
	EventParser eventParser(JsonMapper json) {
		return new EventParser(json);
	}

}
