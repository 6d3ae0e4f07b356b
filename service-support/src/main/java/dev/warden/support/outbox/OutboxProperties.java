package dev.warden.support.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tuning of the outbox relay.
 *
 * @param batchSize rows taken per round
 * @param idlePoll how long the relay sleeps when it found nothing and was not woken by a
 * commit
 * @param sendTimeout how long one round waits for Kafka acknowledgements before giving up
 * and retrying
 * @param retryBackoff pause after a failed round, so an outage is not hammered
 */
@ConfigurationProperties("warden.outbox")
public record OutboxProperties(@DefaultValue("500") int batchSize, @DefaultValue("500ms") Duration idlePoll,
		@DefaultValue("10s") Duration sendTimeout, @DefaultValue("1s") Duration retryBackoff) {
}
