package dev.warden.audit.log;

import dev.warden.audit.chain.ChainEntry;

/**
 * A row of the log as the chain sees it: the entry, the link it claims to follow, its own
 * link and key id, and whether its data could be read as a JSON object (if not, the event
 * carries empty data and the row cannot verify).
 */
record StoredLink(SecurityEvent event, String previous, String value, String keyId, boolean readable) {

	ChainEntry entry() {
		return new ChainEntry(this.event.seq(), this.event.id(), this.event.type(), this.event.source(),
				this.event.userId(), this.event.occurredAt(), this.event.recordedAt(), this.event.data());
	}

	/**
	 * The searchable columns say what type, subject and data say (they are derived, not
	 * chained).
	 */
	boolean columnsAgree() {
		return this.event.attribution()
			.equals(Attribution.of(this.event.type(), this.event.userId(), this.event.data()));
	}
}
