package dev.warden.auth.passkey;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The challenges of WebAuthn ceremonies: 256 random bits each, kept in Redis only as
 * their SHA-256 with what they were opened for, alive
 * {@code warden.webauthn.challenge-lifetime}, and taken with one GETDEL, so a challenge
 * answers one ceremony once even when two answers race.
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
		this.redis.opsForValue()
			.set(key(challenge), purpose.name() + ":" + (subject == null ? "" : subject),
					this.properties.challengeLifetime());
		return challenge;
	}

	/**
	 * Takes the challenge back: what it was opened for, or empty when unknown, expired or
	 * taken already.
	 */
	Optional<Opened> take(byte[] challenge) {
		String value = this.redis.opsForValue().getAndDelete(key(challenge));
		if (value == null) {
			return Optional.empty();
		}
		int colon = value.indexOf(':');
		String subject = value.substring(colon + 1);
		return Optional
			.of(new Opened(PasskeyPurpose.valueOf(value.substring(0, colon)), subject.isEmpty() ? null : subject));
	}

	private static String key(byte[] challenge) {
		try {
			return PREFIX + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(challenge));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String encode(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** An open challenge's purpose and subject. */
	record Opened(PasskeyPurpose purpose, @Nullable String subject) {
	}

}
