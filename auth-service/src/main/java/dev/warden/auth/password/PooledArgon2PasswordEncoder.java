package dev.warden.auth.password;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.jspecify.annotations.Nullable;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Argon2id written and read exactly as Spring Security's {@code Argon2PasswordEncoder}
 * does (the PHC string {@code $argon2id$v=19$m=..,t=..,p=..$salt$hash}, Base64 without
 * padding; tests check both ways), computed by Bouncy Castle with its memory blocks taken
 * from a pool and given back. At m=19 MiB each check would otherwise leave 19,456 blocks
 * of 1 KiB for the garbage collector: under a burst of sign-ins auth-service spent a
 * quarter of its time in collection pauses while holding the hash slots.
 */
final class PooledArgon2PasswordEncoder implements PasswordEncoder {

	private static final Pattern ENCODED = Pattern.compile(
			"\\$(argon2id|argon2i|argon2d)\\$(?:v=(\\d+)\\$)?m=(\\d+),t=(\\d+),p=(\\d+)\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");

	private static final Base64.Encoder BASE64 = Base64.getEncoder().withoutPadding();

	private static final Base64.Decoder BASE64_DECODER = Base64.getDecoder();

	private final SecureRandom random = new SecureRandom();

	private final int saltLength;

	private final int hashLength;

	private final int parallelism;

	private final int memoryKib;

	private final int iterations;

	private final Argon2BytesGenerator.BlockPool pool;

	/**
	 * @param concurrentHashes how many hashes run at once (the hash slots): the pool
	 * keeps that many hashes' blocks
	 */
	PooledArgon2PasswordEncoder(int saltLength, int hashLength, int parallelism, int memoryKib, int iterations,
			int concurrentHashes) {
		this.saltLength = saltLength;
		this.hashLength = hashLength;
		this.parallelism = parallelism;
		this.memoryKib = memoryKib;
		this.iterations = iterations;
		this.pool = new Argon2BytesGenerator.FixedBlockPool(concurrentHashes * memoryKib);
	}

	@Override
	public @Nullable String encode(@Nullable CharSequence rawPassword) {
		if (rawPassword == null) {
			return null;
		}
		byte[] salt = new byte[this.saltLength];
		this.random.nextBytes(salt);
		byte[] hash = hash(rawPassword, Argon2Parameters.ARGON2_id, Argon2Parameters.ARGON2_VERSION_13, this.memoryKib,
				this.iterations, this.parallelism, salt, this.hashLength);
		return "$argon2id$v=" + Argon2Parameters.ARGON2_VERSION_13 + "$m=" + this.memoryKib + ",t=" + this.iterations
				+ ",p=" + this.parallelism + "$" + BASE64.encodeToString(salt) + "$" + BASE64.encodeToString(hash);
	}

	@Override
	public boolean matches(@Nullable CharSequence rawPassword, @Nullable String encodedPassword) {
		if (rawPassword == null || encodedPassword == null) {
			return false;
		}
		Matcher encoded = ENCODED.matcher(encodedPassword);
		if (!encoded.matches()) {
			return false;
		}
		try {
			byte[] salt = BASE64_DECODER.decode(encoded.group(6));
			byte[] expected = BASE64_DECODER.decode(encoded.group(7));
			int type = switch (encoded.group(1)) {
				case "argon2id" -> Argon2Parameters.ARGON2_id;
				case "argon2i" -> Argon2Parameters.ARGON2_i;
				default -> Argon2Parameters.ARGON2_d;
			};
			int version = (encoded.group(2) != null) ? Integer.parseInt(encoded.group(2))
					: Argon2Parameters.ARGON2_VERSION_10;
			byte[] actual = hash(rawPassword, type, version, Integer.parseInt(encoded.group(3)),
					Integer.parseInt(encoded.group(4)), Integer.parseInt(encoded.group(5)), salt, expected.length);
			return MessageDigest.isEqual(expected, actual);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/** A hash made with less memory or fewer iterations than today's is made again. */
	@Override
	public boolean upgradeEncoding(@Nullable String encodedPassword) {
		if (encodedPassword == null) {
			return false;
		}
		Matcher encoded = ENCODED.matcher(encodedPassword);
		if (!encoded.matches()) {
			return false;
		}
		try {
			return Integer.parseInt(encoded.group(3)) < this.memoryKib
					|| Integer.parseInt(encoded.group(4)) < this.iterations;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	private byte[] hash(CharSequence rawPassword, int type, int version, int memoryKib, int iterations, int parallelism,
			byte[] salt, int length) {
		Argon2Parameters parameters = new Argon2Parameters.Builder(type).withVersion(version)
			.withSalt(salt)
			.withParallelism(parallelism)
			.withMemoryAsKB(memoryKib)
			.withIterations(iterations)
			.withBlockPool(this.pool)
			.build();
		Argon2BytesGenerator generator = new Argon2BytesGenerator();
		generator.init(parameters);
		byte[] hash = new byte[length];
		generator.generateBytes(rawPassword.toString().toCharArray(), hash);
		return hash;
	}

}
