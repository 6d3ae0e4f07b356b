package dev.warden.auth.twofactor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code mfaToken} between the password and the second step of a sign-in: 256 random
 * bits, kept in Redis only as its SHA-256, alive 5 minutes, single-use, and dead after 5
 * wrong codes.
 */
@Component
public class MfaChallenges {

	static final Duration LIFETIME = Duration.ofMinutes(5);

	static final int MAX_ATTEMPTS = 5;

	private static final String PREFIX = "warden:auth:mfa:";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final StringRedisTemplate redis;

	MfaChallenges(StringRedisTemplate redis) {
		this.redis = redis;
	}

	/**
	 * Opens a challenge for a user whose password was right;
	 * {@code passwordChangeRequired} carries over.
	 */
	public String open(UUID userId, boolean passwordChangeRequired) {
		byte[] random = new byte[32];
		RANDOM.nextBytes(random);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		String key = key(token);
		this.redis.opsForHash()
			.putAll(key, Map.of("userId", userId.toString(), "pcr", Boolean.toString(passwordChangeRequired),
					"attempts", "0"));
		this.redis.expire(key, LIFETIME);
		return token;
	}

	/**
	 * The open challenge behind a token, or empty when unknown, expired, used or
	 * exhausted.
	 */
	public Optional<Challenge> find(String token) {
		if (token == null || token.length() > 100) {
			return Optional.empty();
		}
		List<Object> values = this.redis.opsForHash().multiGet(key(token), List.of("userId", "pcr"));
		if (values.get(0) == null) {
			return Optional.empty();
		}
		return Optional.of(new Challenge(UUID.fromString(values.get(0).toString()),
				Boolean.parseBoolean(String.valueOf(values.get(1)))));
	}

	/** Counts a wrong code; the challenge dies at the fifth. */
	public void wrongCode(String token) {
		String key = key(token);
		Long attempts = this.redis.opsForHash().increment(key, "attempts", 1);
		if (attempts != null && attempts >= MAX_ATTEMPTS) {
			this.redis.delete(key);
		}
	}

	/**
	 * Ends the challenge (the sign-in completed); true only for the first caller, so it
	 * is single-use.
	 */
	public boolean close(String token) {
		return Boolean.TRUE.equals(this.redis.delete(key(token)));
	}

	private static String key(String token) {
		return PREFIX + digest(token);
	}

	/**
	 * The token's SHA-256, hex: what it is kept under, and what a passkey challenge for
	 * its second step is bound to.
	 */
	public static String digest(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Whose sign-in waits for its second step, and whether the password must change
	 * afterwards.
	 */
	public record Challenge(UUID userId, boolean passwordChangeRequired) {
	}

}
