package dev.warden.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import org.junit.jupiter.api.Test;

/**
 * WARDEN_AUDIT_CHAINKEYS: the format of WARDEN_TWOFACTOR_KEYS, required, never echoed.
 */
class ChainKeysTest {

	@Test
	void refusesToStartWithoutAKey() {
		for (String missing : new String[] { "", " ", "," }) {
			assertThatIllegalStateException().isThrownBy(() -> TestChains.keyed(missing))
				.withMessageContaining("Refusing to start")
				.withMessageContaining("WARDEN_AUDIT_CHAINKEYS");
		}
	}

	@Test
	void theFirstKeyChainsAndEveryKeyVerifies() {
		KeyedChain chain = TestChains.keyed(TestChains.key("k2", 2) + ", " + TestChains.key("k1", 1));

		assertThat(chain.currentKeyId()).isEqualTo("k2");
		assertThat(chain.current().keyId()).isEqualTo("k2");
		assertThat(chain.keyIds()).containsExactly("k2", "k1");
		assertThat(chain.forKey("k1")).isNotNull();
		assertThat(chain.forKey("k3")).isNull();
		assertThat(chain.forKey(null)).isNull();
	}

	@Test
	void refusesMalformedKeysNamingTheKeyIdButNeverTheKey() {
		String shortKey = "k1:" + java.util.Base64.getEncoder().encodeToString(new byte[16]);
		assertThatIllegalStateException().isThrownBy(() -> TestChains.keyed(shortKey))
			.withMessageContaining("k1")
			.withMessageContaining("256 bits")
			.withMessageNotContaining(shortKey.substring(3));
		assertThatIllegalStateException().isThrownBy(() -> TestChains.keyed("k1:not base64!"))
			.withMessageContaining("not base64")
			.withMessageNotContaining("not base64!");
		assertThatIllegalStateException()
			.isThrownBy(() -> TestChains.keyed("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="))
			.withMessageContaining("id:base64key");
		assertThatIllegalStateException()
			.isThrownBy(() -> TestChains.keyed(TestChains.key("k1", 1) + "," + TestChains.key("k1", 2)))
			.withMessageContaining("appears twice");
	}

	@Test
	void theSettingPrintsItsKeyIdsButNeverAKey() {
		String keys = TestChains.key("k2", 2) + "," + TestChains.key("k1", 1);

		assertThat(new ChainProperties(keys).toString()).contains("k2", "k1")
			.doesNotContain(keys.substring(3, 20))
			.doesNotContain(TestChains.key("k1", 1).substring(3));
	}

}
