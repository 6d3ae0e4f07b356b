package dev.warden.audit.log;

import dev.warden.audit.chain.ChainCheckpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * At start-up, before the consumers append anything: takes the log's head as the first
 * checkpoint and says how many of the oldest entries are linked the old way (before chain
 * keys). It never links, re-links or signs a row it did not just append: rows linked the
 * old way stay as they are, and the keyed chain continues from their head.
 */
@Component
class ChainStartup implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(ChainStartup.class);

	private final SecurityEventStore store;

	private final ChainCheckpoint checkpoint;

	ChainStartup(SecurityEventStore store, ChainCheckpoint checkpoint) {
		this.store = store;
		this.checkpoint = checkpoint;
	}

	@Override
	public void afterSingletonsInstantiated() {
		long legacy = this.store.legacyRows();
		this.checkpoint.legacyRows(legacy);
		if (legacy > 0) {
			log.warn("Security log: the oldest {} entries are linked without a chain key (plain SHA-256), so anyone who"
					+ " can write the database could have rewritten them; verification counts them (legacyRows)",
					legacy);
		}
		this.checkpoint.advance(this.store.head());
	}

}
