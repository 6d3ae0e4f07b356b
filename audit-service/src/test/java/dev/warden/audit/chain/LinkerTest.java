package dev.warden.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The chain's encoding: every field counts, and no value can pass for a neighbour's. */
class LinkerTest {

	static final Instant AT = Instant.parse("2026-11-27T07:55:11.668999Z");

	final KeyedChain chain = TestChains.keyed(TestChains.key("k1", 1));

	@Test
	void twoEntriesWhoseFieldsDifferOnlyInWhereASeparatorFallsGetDifferentLinks() {
		ChainEntry first = new ChainEntry(7, "e1", "warden.logout\n/auth-service", "u1", null, AT, AT, Map.of());
		ChainEntry second = new ChainEntry(7, "e1", "warden.logout", "/auth-service\nu1", null, AT, AT, Map.of());

		assertThat(link(first)).isNotEqualTo(link(second));
		// The old encoding joined fields with "\n", so it could not tell these apart
		// (userId null read as "").
		JsonMapper json = JsonMapper.builder().build();
		assertThat(LegacyChain.hash(LegacyChain.GENESIS, first, json))
			.isEqualTo(LegacyChain.hash(LegacyChain.GENESIS, second, json));
	}

	@Test
	void anAbsentUserIsNotAnEmptyOne() {
		assertThat(link(new ChainEntry(7, "e1", "t", "s", null, AT, AT, Map.of())))
			.isNotEqualTo(link(new ChainEntry(7, "e1", "t", "s", "", AT, AT, Map.of())));
	}

	@Test
	void theLinkCoversTheSequenceNumberTheKeyAndTheMicrosecond() {
		ChainEntry entry = new ChainEntry(7, "e1", "t", "s", "u1", AT, AT, Map.of("ip", "203.0.113.7"));
		String link = link(entry);

		assertThat(link).hasSize(64).matches("[0-9a-f]+");
		assertThat(link(new ChainEntry(8, "e1", "t", "s", "u1", AT, AT, entry.data()))).isNotEqualTo(link);
		assertThat(link(new ChainEntry(7, "e1", "t", "s", "u1", AT.plusNanos(1_000), AT, entry.data())))
			.isNotEqualTo(link);
		assertThat(TestChains.keyed(TestChains.key("k1", 2)).current().link(LegacyChain.GENESIS, entry))
			.isNotEqualTo(link);
		assertThat(link(new ChainEntry(7, "e1", "t", "s", "u1", AT, AT, Map.of("ip", "203.0.113.7")))).isEqualTo(link);
	}

	@Test
	void theLinkCoversTheKeyIdAndTheTimeTheServiceRecordedTheEntry() {
		ChainEntry entry = new ChainEntry(7, "e1", "t", "s", "u1", AT, AT, Map.of());
		String link = link(entry);

		// Same key bytes under another id: the id a row names is part of what the key
		// vouches for.
		assertThat(TestChains.keyed(TestChains.key("k9", 1)).current().link(LegacyChain.GENESIS, entry))
			.isNotEqualTo(link);
		assertThat(link(new ChainEntry(7, "e1", "t", "s", "u1", AT, AT.plusNanos(1_000), Map.of()))).isNotEqualTo(link);
		assertThat(link(new ChainEntry(7, "e1", "t", "s", "u1", AT, null, Map.of()))).isNotEqualTo(link);
	}

	@Test
	void aNumberCountsByItsValueNotByHowItIsWritten() {
		// Jackson writes the double 1e7 as 1.0E7; jsonb gives it back as 10000000.
		String asDouble = link(new ChainEntry(7, "e1", "t", "s", "u1", AT, AT, Map.of("n", 1.0E7, "x", 2.50)));

		assertThat(link(new ChainEntry(7, "e1", "t", "s", "u1", AT, AT, Map.of("n", 10_000_000, "x", 2.5))))
			.isEqualTo(asDouble);
		assertThat(link(new ChainEntry(7, "e1", "t", "s", "u1", AT, AT,
				Map.of("n", new java.math.BigDecimal("10000000.000"), "x", new java.math.BigDecimal("2.500")))))
			.isEqualTo(asDouble);
		assertThat(link(new ChainEntry(7, "e1", "t", "s", "u1", AT, AT, Map.of("n", 10_000_001, "x", 2.5))))
			.isNotEqualTo(asDouble);
		assertThat(link(new ChainEntry(7, "e1", "t", "s", "u1", AT, AT, Map.of("n", "10000000", "x", 2.5))))
			.isNotEqualTo(asDouble);
	}

	@Test
	void anEntryWhoseDataCannotBeWrittenLeavesTheLinkerAsNew() {
		Linker linker = this.chain.current();
		ChainEntry good = new ChainEntry(7, "e1", "t", "s", "u1", AT, AT, Map.of("ip", "203.0.113.7"));

		assertThatThrownBy(() -> linker.link(LegacyChain.GENESIS,
				new ChainEntry(6, "e0", "t", "s", "u1", AT, AT, Map.of("bad", new Unwritable()))))
			.isInstanceOf(RuntimeException.class);
		assertThat(linker.link(LegacyChain.GENESIS, good)).isEqualTo(link(good));
	}

	@Test
	void theAnchorsValueCoversItsSeqAndLinkAndIsNoEntrysLink() {
		String anchor = this.chain.current().anchor(7, LegacyChain.GENESIS);

		assertThat(this.chain.current().anchor(8, LegacyChain.GENESIS)).isNotEqualTo(anchor);
		assertThat(this.chain.current().anchor(7, "1".repeat(64))).isNotEqualTo(anchor);
		assertThat(TestChains.keyed(TestChains.key("k9", 1)).current().anchor(7, LegacyChain.GENESIS))
			.isNotEqualTo(anchor);
		assertThat(this.chain.current().anchor(7, LegacyChain.GENESIS)).isEqualTo(anchor);
	}

	@Test
	void theDataCountsWhateverTheOrderOfItsKeys() {
		Map<String, Object> ordered = new java.util.LinkedHashMap<>();
		ordered.put("a", 1);
		ordered.put("b", Map.of("y", 2, "x", 3));
		Map<String, Object> reversed = new java.util.LinkedHashMap<>();
		reversed.put("b", Map.of("x", 3, "y", 2));
		reversed.put("a", 1);

		assertThat(link(new ChainEntry(7, "e1", "t", "s", "u1", AT, AT, ordered)))
			.isEqualTo(link(new ChainEntry(7, "e1", "t", "s", "u1", AT, AT, reversed)))
			.isNotEqualTo(link(new ChainEntry(7, "e1", "t", "s", "u1", AT, AT, Map.of("a", 1))));
	}

	@Test
	void oneLinkerLinksABatchTheSameAsFreshOnes() {
		Linker batch = this.chain.current();
		ChainEntry a = new ChainEntry(1, "a", "t", "s", "u", AT, AT, Map.of());
		ChainEntry b = new ChainEntry(2, "b", "t", "s", "u", AT, AT, Map.of());
		String linkA = batch.link(LegacyChain.GENESIS, a);
		String linkB = batch.link(linkA, b);

		assertThat(linkA).isEqualTo(link(a));
		assertThat(linkB).isEqualTo(this.chain.current().link(linkA, b));
	}

	private String link(ChainEntry entry) {
		return this.chain.current().link(LegacyChain.GENESIS, entry);
	}

	/** A value whose JSON form cannot be written. */
	public static final class Unwritable {

		public String getValue() {
			throw new IllegalStateException("cannot be written");
		}

	}

}
