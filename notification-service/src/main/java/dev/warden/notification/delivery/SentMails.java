package dev.warden.notification.delivery;

import java.time.Duration;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Which events were already mailed, in Redis for 14 days (well past Kafka's redelivery
 * horizon): a redelivered event (a consumer crash after sending but before committing its
 * offset, a rebalance) is not mailed twice.
 */
@Component
class SentMails {

	private static final String PREFIX = "warden:notify:sent:";

	private static final Duration KEEP = Duration.ofDays(14);

	private final StringRedisTemplate redis;

	SentMails(StringRedisTemplate redis) {
		this.redis = redis;
	}

	boolean alreadySent(String eventId) {
		return Boolean.TRUE.equals(this.redis.hasKey(PREFIX + eventId));
	}

	/**
	 * Records the event as mailed; right after the SMTP server accepted it, before the
	 * offset commit.
	 */
	void markSent(String eventId) {
		this.redis.opsForValue().set(PREFIX + eventId, "1", KEEP);
	}

}
