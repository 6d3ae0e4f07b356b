package dev.warden.audit.log;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;

import dev.warden.audit.chain.ChainCheckpoint.Head;
import dev.warden.audit.chain.KeyedChain;
import dev.warden.audit.chain.LegacyChain;
import dev.warden.audit.chain.Linker;
import dev.warden.audit.log.SecurityEventStore.Verification;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks the chain one row at a time, oldest first, and stops at the first row that does not verify. Rows written
 * before chain keys (no key id) are checked with the old algorithm only so a break among them is named where it
 * is; they never make the log valid, since anyone who can write the database can compute them.
 */
final class ChainWalk {

	/** The row's link is not the HMAC of its fields and the link before it (edited, re-chained, deleted before). */
	static final String CHAIN_MISMATCH = "chain_mismatch";

	/** The row names a key id audit-service does not hold. */
	static final String UNKNOWN_KEY = "unknown_key";

	/** The row has no key id: written before keys and never re-chained, or rewritten without a key since. */
	static final String NOT_KEYED = "not_keyed";

	/** The chain of the rows written before keys is broken here, so they were not re-chained. */
	static final String LEGACY_CHAIN_BROKEN = "legacy_chain_broken";

	/** A row without a link after the chain began. */
	static final String UNCHAINED = "unchained";

	/** The newest link this instance wrote or verified is gone or changed: the tail was cut or replaced. */
	static final String CHECKPOINT_LOST = "checkpoint_lost";

	private final KeyedChain chain;

	private final JsonMapper json;

	private final Head checkpoint;

	private final Map<String, Linker> linkers = new HashMap<>();

	private String expectedPrevious;

	private long checked;

	private boolean chainBegun;

	private boolean keyedSeen;

	private long firstSeq = -1;

	private StoredLink last;

	private StoredLink firstLegacy;

	private boolean checkpointSeen;

	private Verification broken;

	ChainWalk(KeyedChain chain, JsonMapper json, String start, Head checkpoint) {
		this.chain = chain;
		this.json = json;
		this.expectedPrevious = start;
		this.checkpoint = checkpoint;
	}

	/** Checks the next row; {@code false} once the chain is broken (the rest need not be read). */
	boolean accept(StoredLink row) {
		if (this.broken != null) {
			return false;
		}
		if (row.value() == null) {
			// Rows from before the chain existed lead the log; one after it began was unlinked since.
			return !this.chainBegun || breakAt(row, UNCHAINED);
		}
		if (!this.chainBegun) {
			this.chainBegun = true;
			this.firstSeq = row.event().seq();
		}
		this.checked++;
		boolean ok = row.keyId() == null ? acceptLegacy(row) : acceptKeyed(row);
		if (!ok) {
			return false;
		}
		if (this.checkpoint != null && row.event().seq() == this.checkpoint.seq()) {
			this.checkpointSeen = true;
			if (!this.checkpoint.chainValue().equals(row.value())) {
				return breakAt(row, CHECKPOINT_LOST);
			}
		}
		this.expectedPrevious = row.value();
		this.last = row;
		return true;
	}

	private boolean acceptLegacy(StoredLink row) {
		if (this.keyedSeen) {
			return breakAt(row, NOT_KEYED);
		}
		if (!this.expectedPrevious.equals(row.previous()) || !row.columnsAgree()
				|| !LegacyChain.hash(this.expectedPrevious, row.entry(), this.json).equals(row.value())) {
			return breakAt(row, LEGACY_CHAIN_BROKEN);
		}
		if (this.firstLegacy == null) {
			this.firstLegacy = row;
		}
		return true;
	}

	private boolean acceptKeyed(StoredLink row) {
		if (this.firstLegacy != null) {
			return breakAt(this.firstLegacy, NOT_KEYED);
		}
		Linker linker = this.linkers.computeIfAbsent(row.keyId(), this.chain::forKey);
		if (linker == null) {
			return breakAt(row, UNKNOWN_KEY);
		}
		if (!this.expectedPrevious.equals(row.previous()) || !row.columnsAgree()
				|| !sameValue(linker.link(this.expectedPrevious, row.entry()), row.value())) {
			return breakAt(row, CHAIN_MISMATCH);
		}
		this.keyedSeen = true;
		return true;
	}

	/** The outcome once every row was given (or the walk stopped at a break). */
	Verification result() {
		if (this.broken == null && this.firstLegacy != null) {
			breakAt(this.firstLegacy, NOT_KEYED);
		}
		if (this.broken == null && this.checkpoint != null && !this.checkpointSeen
				&& (this.firstSeq < 0 || this.checkpoint.seq() >= this.firstSeq)) {
			// Not removed by retention (that only removes the oldest rows): the tail up to it was cut.
			this.broken = new Verification(false, this.checked, this.checkpoint.eventId(), CHECKPOINT_LOST);
		}
		return this.broken != null ? this.broken : new Verification(true, this.checked, null, null);
	}

	/** Whether a break was found (the rest of the rows need not be read). */
	boolean broken() {
		return this.broken != null;
	}

	/** The last row that verified, or {@code null}. */
	StoredLink last() {
		return this.last;
	}

	private boolean breakAt(StoredLink row, String reason) {
		this.broken = new Verification(false, this.checked, row.event().id(), reason);
		return false;
	}

	private static boolean sameValue(String computed, String stored) {
		return stored != null && MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII),
				stored.getBytes(StandardCharsets.US_ASCII));
	}
}
