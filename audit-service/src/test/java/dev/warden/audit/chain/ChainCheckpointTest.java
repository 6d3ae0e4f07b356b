package dev.warden.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.audit.chain.ChainCheckpoint.Expectation;
import dev.warden.audit.chain.ChainCheckpoint.Head;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/**
 * The in-memory checkpoint: a cut found while a verification runs is not forgotten by
 * that verification.
 */
class ChainCheckpointTest {

	final ChainCheckpoint checkpoint = new ChainCheckpoint(new SimpleMeterRegistry());

	@Test
	void aLossRecordedWhileAVerificationRunsOutlivesIt() {
		Head first = new Head(1, "e1", "a".repeat(64));
		Head second = new Head(2, "e2", "b".repeat(64));
		this.checkpoint.advance(first);
		Expectation walk = this.checkpoint.expected();
		// While the walk reads its snapshot, the instance appends, then finds the tail
		// cut at its next append.
		this.checkpoint.advance(second);
		this.checkpoint.lose();

		this.checkpoint.verified(first, walk);

		assertThat(this.checkpoint.expected().lost()).isEqualTo(second);
		assertThat(this.checkpoint.expected().head()).isEqualTo(second);
	}

	@Test
	void aLossTheVerificationCoveredIsForgottenOnceTheLogIsWholeAgain() {
		Head first = new Head(1, "e1", "a".repeat(64));
		this.checkpoint.advance(first);
		this.checkpoint.lose();
		Expectation walk = this.checkpoint.expected();

		this.checkpoint.verified(first, walk);

		assertThat(this.checkpoint.expected().lost()).isNull();
		assertThat(this.checkpoint.expected().head()).isEqualTo(first);
	}

}
