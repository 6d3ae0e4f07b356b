package dev.warden.support.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.ProducerRecord;

import org.springframework.kafka.core.KafkaTemplate;

/**
 * The step every outbox relay shares: send a batch and wait until Kafka acknowledged all
 * of it. Either the whole batch is acknowledged, or the relay keeps every entry for the
 * next round.
 */
public final class KafkaHandOff {

	private KafkaHandOff() {
	}

	/**
	 * Sends {@code records}; throws {@link OutboxRelay.OutboxRelayException} unless all
	 * are acknowledged in time.
	 */
	public static void sendAll(KafkaTemplate<String, String> kafka, List<ProducerRecord<String, String>> records,
			Duration timeout) {
		List<CompletableFuture<?>> acks = new ArrayList<>(records.size());
		try {
			// send() itself throws when no broker answers within max.block.ms.
			for (ProducerRecord<String, String> record : records) {
				acks.add(kafka.send(record));
			}
			CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
				.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new OutboxRelay.OutboxRelayException("interrupted while waiting for Kafka", ex);
		}
		catch (Exception ex) {
			throw new OutboxRelay.OutboxRelayException("Kafka did not acknowledge the batch", ex);
		}
	}

}
