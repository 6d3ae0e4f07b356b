package dev.warden.audit.retention;

import java.time.Clock;
import java.time.Instant;

import dev.warden.event.audit.RetentionApplied;
import dev.warden.audit.log.SecurityEventStore;
import dev.warden.event.CloudEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Removes entries older than the retention period and records that it did, in the log
 * itself. The chain stays verifiable: the hash the first kept entry follows becomes the
 * anchor verification starts from.
 */
@Component
public class RetentionJob {

	private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

	static final String SOURCE = "/audit-service";

	private final SecurityEventStore store;

	private final RetentionProperties properties;

	private final Clock clock;

	RetentionJob(SecurityEventStore store, RetentionProperties properties, Clock clock) {
		this.store = store;
		this.properties = properties;
		this.clock = clock;
	}

	/** Applies the retention now; returns how many entries were removed. */
	@Scheduled(fixedDelayString = "${warden.audit.retention-check-interval:6h}", initialDelayString = "1m")
	@Transactional
	public int apply() {
		Instant cutoff = this.clock.instant().minus(this.properties.retention());
		int removed = this.store.removeBefore(cutoff);
		if (removed > 0) {
			this.store.insertIfAbsent(CloudEvent.of(SOURCE, null,
					new RetentionApplied(removed, cutoff, this.properties.retention().toDays())));
			log.info("Security log retention: removed {} entries older than {}", removed, cutoff);
		}
		return removed;
	}

}
