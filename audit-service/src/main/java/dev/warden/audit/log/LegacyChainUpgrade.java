package dev.warden.audit.log;

import dev.warden.audit.chain.ChainCheckpoint;
import dev.warden.audit.chain.KeyedChain;
import dev.warden.audit.log.SecurityEventStore.LegacyUpgrade;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * At start-up, before the consumers append anything: re-chains the rows written before chain keys (when their old
 * chain is intact) and takes the log's head as the first checkpoint.
 */
@Component
class LegacyChainUpgrade implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(LegacyChainUpgrade.class);

	private final SecurityEventStore store;

	private final KeyedChain chain;

	private final ChainCheckpoint checkpoint;

	LegacyChainUpgrade(SecurityEventStore store, KeyedChain chain, ChainCheckpoint checkpoint) {
		this.store = store;
		this.chain = chain;
		this.checkpoint = checkpoint;
	}

	@Override
	public void afterSingletonsInstantiated() {
		LegacyUpgrade upgrade = this.store.rechainLegacy();
		if (upgrade.rechained() > 0) {
			log.info("Security log: re-chained {} entries written before chain keys with key {}", upgrade.rechained(),
					this.chain.currentKeyId());
		}
		if (upgrade.refused() != null) {
			log.warn("Security log: entries written before chain keys are left as they are ({});"
					+ " verification reports them", upgrade.refused());
		}
		this.checkpoint.advance(this.store.head());
	}
}
