package dev.warden.support.outbox;

import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves committed outbox rows to Kafka and deletes them once every send is acknowledged.
 * Rows are locked with {@code FOR UPDATE SKIP LOCKED}, so several replicas relay side by
 * side without sending a row twice in the normal case; after a crash between the
 * acknowledgement and the delete a row is sent again, which is why consumers are
 * idempotent by event id (at-least-once delivery).
 */
public class OutboxRelay implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final KafkaTemplate<String, String> kafka;

	private final OutboxProperties properties;

	private final Counter published;

	private final RelayWorker worker;

	public OutboxRelay(JdbcTemplate jdbc, TransactionTemplate transactions, KafkaTemplate<String, String> kafka,
			OutboxProperties properties, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.kafka = kafka;
		this.properties = properties;
		this.published = Counter.builder("warden.outbox.published").register(meters);
		this.worker = new RelayWorker("outbox-relay", this::relayBatch, properties.batchSize(), properties.idlePoll(),
				properties.retryBackoff(), Counter.builder("warden.outbox.failures").register(meters));
		Gauge.builder("warden.outbox.pending", this, OutboxRelay::pendingQuietly).register(meters);
	}

	/** Asks the relay to look at the outbox now rather than at its next poll. */
	public void wakeUp() {
		this.worker.wakeUp();
	}

	/**
	 * Relays one batch. Returns how many rows left the outbox; throws if Kafka did not
	 * acknowledge, in which case the transaction rolls back and every row of the batch
	 * stays for the next round.
	 */
	public int relayBatch() {
		Integer sent = this.transactions.execute((status) -> {
			List<Row> rows = this.jdbc.query(
					"select seq, topic, message_key, payload from outbox_event order by seq limit ? for update skip locked",
					(rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)),
					this.properties.batchSize());
			if (rows.isEmpty()) {
				return 0;
			}
			KafkaHandOff.sendAll(this.kafka,
					rows.stream().map((row) -> new ProducerRecord<>(row.topic(), row.key(), row.payload())).toList(),
					this.properties.sendTimeout());
			long last = rows.get(rows.size() - 1).seq();
			List<Object[]> seqs = rows.stream().map((row) -> new Object[] { row.seq() }).toList();
			this.jdbc.batchUpdate("delete from outbox_event where seq = ?", seqs);
			log.debug("Relayed {} outbox events up to seq {}", rows.size(), last);
			return rows.size();
		});
		int count = sent == null ? 0 : sent;
		this.published.increment(count);
		return count;
	}

	/** Rows waiting to be relayed. */
	public long pending() {
		Long count = this.jdbc.queryForObject("select count(*) from outbox_event", Long.class);
		return count == null ? 0 : count;
	}

	private double pendingQuietly() {
		try {
			return pending();
		}
		catch (RuntimeException ex) {
			return Double.NaN;
		}
	}

	@Override
	public void start() {
		this.worker.start();
	}

	@Override
	public void stop() {
		this.worker.stop();
	}

	@Override
	public boolean isRunning() {
		return this.worker.isRunning();
	}

	private record Row(long seq, String topic, String key, String payload) {
	}

	/** A relay round that could not hand its batch to Kafka. */
	public static final class OutboxRelayException extends IllegalStateException {

		OutboxRelayException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
