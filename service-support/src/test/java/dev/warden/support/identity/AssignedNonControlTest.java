package dev.warden.support.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AssignedNonControlTest {

	/** The patterns StrictHttpFirewall compiles for the same rules. */
	private static final Pattern NAMES = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

	private static final Pattern HEADER_VALUES = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

	@Test
	void decidesEveryCodePointAsTheFirewallsPatternsDo() {
		for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
			String value = "a" + Character.toString(codePoint) + "b";
			assertThat(AssignedNonControl.NAMES.test(value)).as("U+%04X in a name", codePoint)
				.isEqualTo(NAMES.matcher(value).matches());
			assertThat(AssignedNonControl.HEADER_VALUES.test(value)).as("U+%04X in a header value", codePoint)
				.isEqualTo(HEADER_VALUES.matcher(value).matches());
		}
	}

	@Test
	void decidesUnpairedSurrogatesAndMixedStringsAsTheFirewallsPatternsDo() {
		List<String> values = new ArrayList<>(List.of("", "\t", "a\tb", "\ud800", "x\udc00y", "\udc00\ud800",
				"😀 emoji", "Bearer abc.def", "text/html; q=0.9", "\u0000", "a\u007fb", "\u0378"));
		Random random = new Random(20261129);
		char[] alphabet = { 'a', ' ', '\t', '\n', '\u0085', '\u00e9', '\ud83d', '\ude00', '\u0378', '\ufffe',
				'\u200b' };
		for (int i = 0; i < 20_000; i++) {
			StringBuilder value = new StringBuilder();
			for (int length = random.nextInt(8); length > 0; length--) {
				value.append(alphabet[random.nextInt(alphabet.length)]);
			}
			values.add(value.toString());
		}
		for (String value : values) {
			assertThat(AssignedNonControl.NAMES.test(value)).as("name %s", value.chars().boxed().toList())
				.isEqualTo(NAMES.matcher(value).matches());
			assertThat(AssignedNonControl.HEADER_VALUES.test(value)).as("value %s", value.chars().boxed().toList())
				.isEqualTo(HEADER_VALUES.matcher(value).matches());
		}
	}

}
