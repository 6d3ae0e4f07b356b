package dev.warden.token.introspect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.warden.token.lifecycle.TokenStore;
import dev.warden.token.lifecycle.TokenStore.Usage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Remembers each token's latest use in memory and writes them in one batch every few
 * seconds, so introspection never writes per request. A crash loses at most one interval
 * of "last used" times.
 */
@Component
public class UsageRecorder {

	private static final Logger log = LoggerFactory.getLogger(UsageRecorder.class);

	private static final int MAX_USER_AGENT = 512;

	private final Map<UUID, Usage> pending = new ConcurrentHashMap<>();

	private final TokenStore tokens;

	UsageRecorder(TokenStore tokens) {
		this.tokens = tokens;
	}

	void record(UUID tokenId, Instant at, String ip, String userAgent) {
		String agent = userAgent != null && userAgent.length() > MAX_USER_AGENT ? userAgent.substring(0, MAX_USER_AGENT)
				: userAgent;
		this.pending.merge(tokenId, new Usage(tokenId, at, ip, agent),
				(old, fresh) -> fresh.at().isAfter(old.at()) ? fresh : old);
	}

	/** Writes what was recorded since the last flush. */
	@Scheduled(fixedDelayString = "${warden.tokens.usage-flush-interval:5s}")
	public void flush() {
		if (this.pending.isEmpty()) {
			return;
		}
		List<Usage> batch = new ArrayList<>();
		for (UUID id : List.copyOf(this.pending.keySet())) {
			Usage usage = this.pending.remove(id);
			if (usage != null) {
				batch.add(usage);
			}
		}
		try {
			this.tokens.recordUse(batch);
		}
		catch (RuntimeException ex) {
			// Put them back (unless a newer use arrived meanwhile) and try again next
			// time.
			batch.forEach((usage) -> this.pending.merge(usage.tokenId(), usage,
					(newer, old) -> newer.at().isAfter(old.at()) ? newer : old));
			log.warn("Could not record {} token use(s), will retry: {}", batch.size(), ex.toString());
		}
	}

}
