package dev.warden.auth.passkey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The challenges of WebAuthn ceremonies: 256 random bits each, kept in Redis only as
 * their SHA-256, alive {@code warden.webauthn.challenge-lifetime}, and taken with one
 * GETDEL, so a challenge answers one ceremony once even when two answers race. A ceremony
 * for a known subject (a user, a sign-in's second step, a session) keeps one open
 * challenge, under the subject: asking again replaces it, so nobody piles up challenges
 * for one subject. Only sign-in challenges, whose subject is not known yet, are kept by
 * the challenge itself.
 */
@Component
class PasskeyChallenges {

	private static final String PREFIX = "warden:auth:passkey:";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final StringRedisTemplate redis;

	private final WebAuthnProperties properties;

	PasskeyChallenges(StringRedisTemplate redis, WebAuthnProperties properties) {
		this.redis = redis;
		this.properties = properties;
	}

	/**
	 * A new challenge for {@code purpose}; {@code subject} is whom it is for, if known.
	 */
	byte[] open(PasskeyPurpose purpose, @Nullable String subject) {
		byte[] challenge = new byte[32];
		RANDOM.nextBytes(challenge);
		if (subject == null) {
			this.redis.opsForValue()
				.set(PREFIX + "open:" + digest(challenge), purpose.name(), this.properties.challengeLifetime());
		}
		else {
			this.redis.opsForValue().set(key(purpose, subject), digest(challenge), this.properties.challengeLifetime());
		}
		return challenge;
	}

	/**
	 * Takes the challenge back: true when it was opened for this purpose and subject and
	 * not taken yet. For a subject, a wrong challenge also ends the one that was open.
	 */
	boolean take(PasskeyPurpose purpose, @Nullable String subject, byte[] challenge) {
		if (subject == null) {
			return purpose.name().equals(this.redis.opsForValue().getAndDelete(PREFIX + "open:" + digest(challenge)));
		}
		String open = this.redis.opsForValue().getAndDelete(key(purpose, subject));
		return open != null && MessageDigest.isEqual(open.getBytes(StandardCharsets.US_ASCII),
				digest(challenge).getBytes(StandardCharsets.US_ASCII));
	}

	private static String key(PasskeyPurpose purpose, String subject) {
		return PREFIX + purpose.name().toLowerCase(java.util.Locale.ROOT) + ":" + subject;
	}

	private static String digest(byte[] challenge) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(challenge));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String encode(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
