package dev.warden.support.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WellFormedTextValidatorTest {

	@Test
	void acceptsAnyUnicodeIncludingPairedSurrogates() {
		assertThat(WellFormedTextValidator.isWellFormed("café 漢字 \uD83D\uDD12 ﷺ")).isTrue();
		assertThat(WellFormedTextValidator.isWellFormed("")).isTrue();
	}

	@Test
	void refusesLoneSurrogatesAndNul() {
		assertThat(WellFormedTextValidator.isWellFormed("a\uD800")).isFalse();
		assertThat(WellFormedTextValidator.isWellFormed("\uDC00a")).isFalse();
		assertThat(WellFormedTextValidator.isWellFormed("\uD800\uD800\uDC00")).isFalse();
		assertThat(WellFormedTextValidator.isWellFormed("a\u0000b")).isFalse();
	}

}
