package dev.warden.support.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class KeyedCipherTest {

	private static final String NEW_KEY = "k2:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

	private static final String OLD_KEY = "k1:Hx4dHBsaGRgXFhUUExIREA8ODQwLCgkIBwYFBAMCAQA=";

	private final KeyedCipher rotated = new KeyedCipher(NEW_KEY + "," + OLD_KEY, "TEST_KEYS");

	@Test
	void sealsWithTheFirstKeyAndOpensWithAnyKeyOfTheRing() {
		KeyedCipher before = new KeyedCipher(OLD_KEY, "TEST_KEYS");
		String sealedBefore = before.seal(bytes("secret"), "user-1");

		String sealedNow = this.rotated.seal(bytes("secret"), "user-1");

		assertThat(sealedNow).startsWith("k2.");
		assertThat(new String(this.rotated.open(sealedBefore, "user-1"), StandardCharsets.UTF_8)).isEqualTo("secret");
		assertThat(new String(this.rotated.open(sealedNow, "user-1"), StandardCharsets.UTF_8)).isEqualTo("secret");
		assertThat(sealedNow).as("a fresh IV each time").isNotEqualTo(this.rotated.seal(bytes("secret"), "user-1"));
	}

	@Test
	void aValueBoundElsewhereAlteredOrUnderAnUnknownKeyDoesNotOpen() {
		String sealed = this.rotated.seal(bytes("secret"), "user-1");
		byte[] box = Base64.getDecoder().decode(sealed.substring(3));
		box[box.length - 1] ^= 1;
		String altered = "k2." + Base64.getEncoder().encodeToString(box);

		assertThatThrownBy(() -> this.rotated.open(sealed, "user-2"))
			.isInstanceOf(KeyedCipher.UnopenableException.class);
		assertThatThrownBy(() -> this.rotated.open(altered, "user-1"))
			.isInstanceOf(KeyedCipher.UnopenableException.class);
		assertThatThrownBy(() -> this.rotated.open("k9." + sealed.substring(3), "user-1"))
			.isInstanceOf(KeyedCipher.UnopenableException.class);
		assertThatThrownBy(() -> this.rotated.open("k2.not base64!", "user-1"))
			.isInstanceOf(KeyedCipher.UnopenableException.class);
		assertThatThrownBy(() -> this.rotated.open("k2.AAAA", "user-1"))
			.isInstanceOf(KeyedCipher.UnopenableException.class);
	}

	@Test
	void badConfigurationStopsWithTheVariablesNameAndNoKeyMaterial() {
		assertThat(new KeyedCipher("", "TEST_KEYS").configured()).isFalse();
		assertThatThrownBy(() -> new KeyedCipher("no-colon", "TEST_KEYS")).hasMessageContaining("TEST_KEYS");
		assertThatThrownBy(() -> new KeyedCipher("k1:AAAA", "TEST_KEYS")).hasMessageContaining("not 256 bits")
			.hasMessageNotContaining("AAAA");
		assertThatThrownBy(() -> new KeyedCipher("", "TEST_KEYS").seal(bytes("x"), "u"))
			.hasMessageContaining("TEST_KEYS");
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
