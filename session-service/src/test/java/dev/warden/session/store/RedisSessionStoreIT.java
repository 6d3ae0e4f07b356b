package dev.warden.session.store;

import java.time.Duration;
import java.util.List;

import dev.warden.event.Topics;
import dev.warden.infra.test.KafkaRecords;
import dev.warden.session.ClockTestConfiguration;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;

/**
 * The session store contract against {@link RedisSessionStore} on the shared Redis, in
 * the context the other session-service tests share. Queued events are read where the
 * outbox stream leads: the relay hands them to {@link Topics#SESSION_EVENTS} in order.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(ClockTestConfiguration.class)
class RedisSessionStoreIT extends SessionStoreContract {

	@Autowired
	SessionStore store;

	@Override
	protected SessionStore store() {
		return this.store;
	}

	@Override
	protected List<String> queuedEvents(String key, int atLeast) {
		return KafkaRecords
			.readUntil(Topics.SESSION_EVENTS,
					(records) -> records.stream().filter((record) -> key.equals(record.key())).count() >= atLeast,
					Duration.ofSeconds(30))
			.stream()
			.filter((record) -> key.equals(record.key()))
			.map((record) -> record.value())
			.toList();
	}

}
