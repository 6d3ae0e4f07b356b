package dev.warden.session.events;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The relay of session events from the Redis outbox stream to Kafka
 * ({@code warden.session.relay.*}).
 *
 * @param consumer this replica's name in the stream's consumer group: its host name and
 * port (set in {@code application.yml}), so that replicas on one host are not one
 * consumer (each would relay the other's pending entries again), and stable across
 * restarts so a restarted replica picks up what it had read but not yet relayed
 * @param batchSize entries relayed per round
 * @param idlePoll pause when the outbox is empty
 * @param sendTimeout how long a round waits for Kafka's acknowledgements
 * @param claimAfter entries another replica read but did not relay for this long are
 * taken over
 */
@ConfigurationProperties("warden.session.relay")
public record RelayProperties(String consumer, @DefaultValue("200") int batchSize,
		@DefaultValue("200ms") Duration idlePoll, @DefaultValue("10s") Duration sendTimeout,
		@DefaultValue("60s") Duration claimAfter) {
}
