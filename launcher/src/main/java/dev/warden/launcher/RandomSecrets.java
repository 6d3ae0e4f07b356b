package dev.warden.launcher;

import java.security.SecureRandom;

/**
 * Random passwords and keys for the local run, tests and benchmarks: nothing fixed is
 * ever built in.
 */
public final class RandomSecrets {

	private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

	private static final SecureRandom RANDOM = new SecureRandom();

	private RandomSecrets() {
	}

	/**
	 * {@code length} characters from a 57-letter alphabet without look-alikes: about 5.8
	 * bits each.
	 */
	public static String generate(int length) {
		StringBuilder secret = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			secret.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
		}
		return secret.toString();
	}

}
