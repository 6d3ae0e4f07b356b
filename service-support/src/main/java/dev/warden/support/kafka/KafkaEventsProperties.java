package dev.warden.support.kafka;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Topic layout and consumer retry policy.
 *
 * @param partitions partitions of every event topic and, necessarily, of its dead-letter topic
 * @param replicationFactor replicas per partition (1 on the embedded broker)
 * @param retryInitial first back-off before a failed record is retried
 * @param retryMax longest back-off between retries
 * @param retryAttempts retries before a record goes to the dead-letter topic
 */
@ConfigurationProperties("warden.kafka")
public record KafkaEventsProperties(@DefaultValue("3") int partitions, @DefaultValue("1") short replicationFactor,
		@DefaultValue("200ms") Duration retryInitial, @DefaultValue("5s") Duration retryMax,
		@DefaultValue("5") int retryAttempts) {
}
