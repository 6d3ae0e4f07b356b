package dev.warden.audit.log;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;

import dev.warden.audit.chain.ChainCheckpoint.Head;
import dev.warden.audit.chain.KeyedChain;
import dev.warden.audit.chain.LegacyChain;
import dev.warden.audit.chain.Linker;
import dev.warden.audit.log.SecurityEventStore.Anchor;
import dev.warden.audit.log.SecurityEventStore.Verification;
import tools.jackson.databind.json.JsonMapper;
import org.jspecify.annotations.Nullable;

/**
 * Checks the chain one row at a time, oldest first, and stops at the first row that does
 * not verify. Every row must be linked. The first row must be the one the anchor names
 * (once retention removed older rows), else follow the genesis value. Rows linked before
 * chain keys (no key id) may only lead the log: they are checked with the old algorithm
 * and counted ({@code legacyRows}), since anyone who can write the database can compute
 * them; the first keyed row's link covers the last of them, so they cannot change after
 * it without breaking it.
 */
final class ChainWalk {

	/**
	 * The row's link is not the HMAC of its fields and the link before it (edited,
	 * re-chained, deleted before).
	 */
	static final String CHAIN_MISMATCH = "chain_mismatch";

	/** The row names a key id audit-service does not hold. */
	static final String UNKNOWN_KEY = "unknown_key";

	/**
	 * A row with no key id after a keyed one: rewritten the old way, or inserted by a
	 * writer without the key.
	 */
	static final String NOT_KEYED = "not_keyed";

	/** The chain of the rows linked before keys is broken here. */
	static final String LEGACY_CHAIN_BROKEN = "legacy_chain_broken";

	/** A row without a link. */
	static final String UNCHAINED = "unchained";

	/** The row's data is not a JSON object, so its link cannot be computed. */
	static final String UNREADABLE = "unreadable";

	/**
	 * The first row is not the one the anchor names, or the anchor does not verify
	 * (changed, or written without the key): rows were removed, or added, before the
	 * first kept one.
	 */
	static final String ANCHOR_MISMATCH = "anchor_mismatch";

	/**
	 * The newest link this instance wrote or verified is gone or changed: the tail was
	 * cut or replaced.
	 */
	static final String CHECKPOINT_LOST = "checkpoint_lost";

	private final KeyedChain chain;

	private final JsonMapper json;

	private final @Nullable Anchor anchor;

	private final @Nullable Head checkpoint;

	private final Map<String, Linker> linkers = new HashMap<>();

	private String expectedPrevious;

	private long checked;

	private long legacyRows;

	private boolean keyedSeen;

	private long firstSeq = -1;

	private @Nullable StoredLink last;

	private boolean checkpointSeen;

	private @Nullable Verification broken;

	ChainWalk(KeyedChain chain, JsonMapper json, @Nullable Anchor anchor, @Nullable Head checkpoint) {
		this.chain = chain;
		this.json = json;
		this.anchor = anchor;
		this.expectedPrevious = anchor == null ? LegacyChain.GENESIS : anchor.previous();
		this.checkpoint = checkpoint;
	}

	/**
	 * Checks the next row; {@code false} once the chain is broken (the rest need not be
	 * read).
	 */
	boolean accept(StoredLink row) {
		if (this.broken != null) {
			return false;
		}
		boolean first = this.firstSeq < 0;
		if (first) {
			this.firstSeq = row.event().seq();
		}
		if (!row.readable()) {
			return breakAt(row, UNREADABLE);
		}
		if (row.value() == null) {
			return breakAt(row, UNCHAINED);
		}
		if (first && this.anchor != null && !anchored(this.anchor, row)) {
			return breakAt(row, ANCHOR_MISMATCH);
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

	/**
	 * Whether the first row is where the anchor says the log starts. An anchor written
	 * before it was authenticated (no mac) is only as strong as the old chain, so it is
	 * accepted only in front of a row linked the old way.
	 */
	private boolean anchored(Anchor anchor, StoredLink row) {
		String mac = anchor.mac();
		if (mac == null) {
			return row.keyId() == null;
		}
		Long seq = anchor.seq();
		Linker linker = (seq != null) ? this.chain.forKey(anchor.keyId()) : null;
		return linker != null && seq != null && seq == row.event().seq()
				&& sameValue(linker.anchor(seq, anchor.previous()), mac);
	}

	private boolean acceptLegacy(StoredLink row) {
		if (this.keyedSeen) {
			return breakAt(row, NOT_KEYED);
		}
		if (!this.expectedPrevious.equals(row.previous()) || !row.columnsAgree()
				|| !LegacyChain.hash(this.expectedPrevious, row.entry(), this.json).equals(row.value())) {
			return breakAt(row, LEGACY_CHAIN_BROKEN);
		}
		this.legacyRows++;
		return true;
	}

	private boolean acceptKeyed(StoredLink row) {
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
		if (this.broken == null && this.checkpoint != null && !this.checkpointSeen
				&& (this.firstSeq < 0 || this.checkpoint.seq() >= this.firstSeq)) {
			// Not removed by retention (that only removes the oldest rows): the tail up
			// to it was cut.
			this.broken = new Verification(false, this.checked, this.checkpoint.eventId(), CHECKPOINT_LOST,
					this.legacyRows);
		}
		return this.broken != null ? this.broken : new Verification(true, this.checked, null, null, this.legacyRows);
	}

	/** Whether a break was found (the rest of the rows need not be read). */
	boolean broken() {
		return this.broken != null;
	}

	/** The last row that verified, or {@code null}. */
	@Nullable StoredLink last() {
		return this.last;
	}

	private boolean breakAt(StoredLink row, String reason) {
		this.broken = new Verification(false, this.checked, row.event().id(), reason, this.legacyRows);
		return false;
	}

	private static boolean sameValue(String computed, String stored) {
		return stored != null && MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII),
				stored.getBytes(StandardCharsets.US_ASCII));
	}

}
