package dev.warden.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The token format: recognisable, long enough, and self-checking. */
class ApiTokenFormatTest {

	@Test
	void newTokensHaveThePrefixTheLengthAndAValidChecksum() {
		String token = ApiTokenFormat.newToken();

		assertThat(token).startsWith("wdn_").hasSize(40).matches("wdn_[0-9A-Za-z]{36}");
		assertThat(ApiTokenFormat.isWellFormed(token)).isTrue();
		// 30 base62 characters carry 30 × log2(62) ≈ 178.6 bits: above the 160 bits an
		// API token must carry.
		assertThat(30 * Math.log(62) / Math.log(2)).isGreaterThan(160);
	}

	@Test
	void aSingleTypoFailsTheChecksum() {
		String token = ApiTokenFormat.newToken();
		for (int position = 4; position < token.length(); position++) {
			char original = token.charAt(position);
			char typo = original == 'a' ? 'b' : 'a';
			String mistyped = token.substring(0, position) + typo + token.substring(position + 1);
			assertThat(ApiTokenFormat.isWellFormed(mistyped)).as("typo at %d", position).isFalse();
		}
	}

	@Test
	void refusesWrongPrefixLengthAndAlphabet() {
		String token = ApiTokenFormat.newToken();

		assertThat(ApiTokenFormat.isWellFormed("ghp_" + token.substring(4))).isFalse();
		assertThat(ApiTokenFormat.isWellFormed(token + "x")).isFalse();
		assertThat(ApiTokenFormat.isWellFormed(token.substring(0, 39))).isFalse();
		assertThat(ApiTokenFormat.isWellFormed(token.substring(0, 10) + "-" + token.substring(11))).isFalse();
		assertThat(ApiTokenFormat.isWellFormed(null)).isFalse();
	}

	@Test
	void storesOnlyAHashAndShowsOnlyTheLastFourCharacters() {
		String token = ApiTokenFormat.newToken();

		assertThat(ApiTokenFormat.hash(token)).hasSize(64).doesNotContain(token.substring(4));
		assertThat(ApiTokenFormat.hint(token)).isEqualTo(token.substring(36));
	}

	@Test
	void tokensDoNotRepeat() {
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < 10_000; i++) {
			assertThat(seen.add(ApiTokenFormat.newToken())).isTrue();
		}
	}

}
