package dev.warden.support.kafka;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Consumer retry policy. (Topics are created by the infrastructure, not by the services:
 * see {@link KafkaEventsConfiguration}.)
 *
 * @param retryInitial first back-off before a failed record is retried
 * @param retryMax longest back-off between retries
 * @param retryAttempts retries before a record goes to the dead-letter topic
 */
@ConfigurationProperties("warden.kafka")
public record KafkaEventsProperties(@DefaultValue("200ms") Duration retryInitial, @DefaultValue("5s") Duration retryMax,
		@DefaultValue("5") int retryAttempts) {
}
