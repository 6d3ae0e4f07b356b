package dev.warden.session.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import dev.warden.event.Topics;
import dev.warden.session.store.QueuedEvent;
import dev.warden.support.outbox.KafkaHandOff;
import dev.warden.support.outbox.RelayWorker;
import io.micrometer.core.instrument.Counter;
import org.apache.kafka.clients.producer.ProducerRecord;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.PendingMessage;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StreamOperations;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Session-service's durable hand-off of events: the store appends each event to a Redis
 * stream in the same script as the change, and this relay moves entries to
 * {@code warden.session.events}, acknowledging and deleting them only after Kafka
 * acknowledged. A Kafka outage leaves entries in the stream until it is back; entries a
 * crashed replica had read are claimed by another after {@code claimAfter}. Delivery is
 * at least once, so consumers deduplicate by event id.
 */
@Component
class SessionEventRelay implements SmartLifecycle {

	static final String STREAM = QueuedEvent.STREAM;

	static final String GROUP = "kafka-relay";

	private final StringRedisTemplate redis;

	private final KafkaTemplate<String, String> kafka;

	private final RelayProperties properties;

	private final Counter published;

	private final RelayWorker worker;

	private long lastClaim;

	SessionEventRelay(StringRedisTemplate redis, KafkaTemplate<String, String> kafka, RelayProperties properties,
			MeterRegistry meters) {
		this.redis = redis;
		this.kafka = kafka;
		this.properties = properties;
		this.published = Counter.builder("warden.outbox.published").tag("store", "redis").register(meters);
		this.worker = new RelayWorker("session-event-relay", this::relayBatch, properties.batchSize(),
				properties.idlePoll(), Duration.ofSeconds(1),
				Counter.builder("warden.outbox.failures").tag("store", "redis").register(meters));
		Gauge.builder("warden.outbox.pending", this, SessionEventRelay::pendingQuietly)
			.tag("store", "redis")
			.register(meters);
	}

	/**
	 * Relays one batch: first what this replica read earlier but could not relay, else
	 * new entries. Returns how many entries left the outbox; throws if Kafka did not
	 * acknowledge (the entries stay pending).
	 */
	int relayBatch() {
		ensureGroup();
		claimAbandoned();
		StreamOperations<String, String, String> stream = this.redis.opsForStream();
		Consumer me = Consumer.from(GROUP, this.properties.consumer());
		StreamReadOptions options = StreamReadOptions.empty().count(this.properties.batchSize());
		List<MapRecord<String, String, String>> records = stream.read(me, options,
				StreamOffset.create(STREAM, ReadOffset.from("0")));
		if (records == null || records.isEmpty()) {
			records = stream.read(me, options, StreamOffset.create(STREAM, ReadOffset.lastConsumed()));
		}
		if (records == null || records.isEmpty()) {
			return 0;
		}
		KafkaHandOff.sendAll(this.kafka, records.stream()
			.map((record) -> new ProducerRecord<>(Topics.SESSION_EVENTS, record.getValue().get(QueuedEvent.KEY_FIELD),
					record.getValue().get(QueuedEvent.EVENT_FIELD)))
			.toList(), this.properties.sendTimeout());
		RecordId[] ids = records.stream().map(MapRecord::getId).toArray(RecordId[]::new);
		stream.acknowledge(STREAM, GROUP, ids);
		stream.delete(STREAM, ids);
		this.published.increment(ids.length);
		return ids.length;
	}

	/** Entries still waiting in the outbox. */
	long pending() {
		Long size = this.redis.opsForStream().size(STREAM);
		return size == null ? 0 : size;
	}

	private double pendingQuietly() {
		try {
			return pending();
		}
		catch (RuntimeException ex) {
			return Double.NaN;
		}
	}

	private void ensureGroup() {
		this.redis.execute((RedisConnection connection) -> {
			createGroupIfMissing(connection);
			return Boolean.TRUE;
		});
	}

	private static void createGroupIfMissing(RedisConnection connection) {
		byte[] key = STREAM.getBytes(StandardCharsets.UTF_8);
		try {
			connection.streamCommands().xGroupCreate(key, GROUP, ReadOffset.from("0"), true);
		}
		catch (RuntimeException ex) {
			if (!mentions(ex, "BUSYGROUP")) {
				throw ex;
			}
		}
	}

	/**
	 * Whether the failure or one of its causes says {@code text} (drivers wrap Redis' own
	 * error).
	 */
	private static boolean mentions(Throwable failure, String text) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause.getMessage() != null && cause.getMessage().contains(text)) {
				return true;
			}
		}
		return false;
	}

	private void claimAbandoned() {
		long now = System.nanoTime();
		if (now - this.lastClaim < this.properties.claimAfter().toNanos() / 2) {
			return;
		}
		this.lastClaim = now;
		StreamOperations<String, String, String> stream = this.redis.opsForStream();
		var pending = stream.pending(STREAM, GROUP, Range.unbounded(), 100);
		for (PendingMessage message : pending) {
			if (!message.getConsumerName().equals(this.properties.consumer())
					&& message.getElapsedTimeSinceLastDelivery().compareTo(this.properties.claimAfter()) > 0) {
				stream.claim(STREAM, GROUP, this.properties.consumer(), this.properties.claimAfter(), message.getId());
			}
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

}
