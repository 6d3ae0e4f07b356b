package dev.warden.audit.chain;

import java.util.Base64;

import tools.jackson.databind.json.JsonMapper;

/**
 * Chains with keys of a test's choosing, as audit-service would build them from its
 * configuration.
 */
public final class TestChains {

	private TestChains() {
	}

	public static KeyedChain keyed(String chainKeys) {
		return new KeyedChain(new ChainProperties(chainKeys), JsonMapper.builder().build());
	}

	/**
	 * {@code id:base64} of 32 bytes all equal to {@code fill}: distinct keys, readable in
	 * a test.
	 */
	public static String key(String id, int fill) {
		byte[] key = new byte[32];
		java.util.Arrays.fill(key, (byte) fill);
		return id + ":" + Base64.getEncoder().encodeToString(key);
	}

}
