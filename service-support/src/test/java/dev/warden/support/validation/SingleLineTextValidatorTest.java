package dev.warden.support.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SingleLineTextValidatorTest {

	@ParameterizedTest
	@ValueSource(strings = { "Aoife O'Brien", "café 漢字 \uD83D\uDD12 ﷺ", "deploy script (CI) #2", "", "עברית العربية",
			"a\u200Db" })
	void acceptsNamesInAnyScript(String name) {
		assertThat(SingleLineTextValidator.isSingleLine(name)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "a\rb", "a\nb", "a\tb", "a\u0000b", "a\u001Bb", "a\u007Fb", "a\u0085b", "a\u009Fb",
			"a\u2028b", "a\u2029b", "a\u202Ab", "a\u202Eb", "a\u2066b", "a\u2069b" })
	void refusesControlCharactersLineSeparatorsAndDirectionOverrides(String name) {
		assertThat(SingleLineTextValidator.isSingleLine(name)).isFalse();
	}

}
