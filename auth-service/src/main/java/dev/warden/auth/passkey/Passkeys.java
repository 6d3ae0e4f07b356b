package dev.warden.auth.passkey;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.CollectedClientData;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import com.webauthn4j.verifier.exception.VerificationException;
import dev.warden.auth.events.AuthEvents;
import dev.warden.auth.password.policy.PasswordPolicyService;
import dev.warden.auth.session.ClientInfo;
import dev.warden.auth.user.User;
import dev.warden.auth.user.UserStore;
import dev.warden.event.auth.PasskeyCloneSuspected;
import dev.warden.event.auth.PasskeyRegistered;
import dev.warden.event.auth.PasskeyRemoved;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Passkey ceremonies with webauthn4j: the options a browser hands to
 * {@code navigator.credentials}, and the verification of what it answers (challenge taken
 * once, origin, relying party, signature, counter). A change and its event commit
 * together.
 */
@Service
public class Passkeys {

	private static final Logger log = LoggerFactory.getLogger(Passkeys.class);

	/** ES256, EdDSA, RS256: what platform authenticators and security keys make. */
	private static final List<Long> ALGORITHMS = List.of(-7L, -8L, -257L);

	private static final int MAX_RESPONSE_LENGTH = 32 * 1024;

	private final WebAuthnManager manager;

	private final AttestedCredentialDataConverter credentialData;

	private final PasskeyStore store;

	private final PasskeyChallenges challenges;

	private final WebAuthnProperties properties;

	private final AuthEvents events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final Set<Origin> origins;

	private final UserStore users;

	private final PasswordPolicyService policies;

	Passkeys(WebAuthnManager manager, ObjectConverter converter, PasskeyStore store, PasskeyChallenges challenges,
			WebAuthnProperties properties, AuthEvents events, TransactionTemplate transactions, Clock clock,
			UserStore users, PasswordPolicyService policies) {
		this.users = users;
		this.policies = policies;
		this.manager = manager;
		this.credentialData = new AttestedCredentialDataConverter(converter);
		this.store = store;
		this.challenges = challenges;
		this.properties = properties;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
		this.origins = properties.origins().stream().map(Origin::new).collect(Collectors.toUnmodifiableSet());
	}

	/**
	 * {@code PublicKeyCredentialCreationOptions} (as JSON, binary values base64url) for a
	 * new passkey of {@code user}: discoverable and user verification preferred, no
	 * attestation, the user's passkeys excluded so one authenticator is not added twice.
	 */
	public Map<String, Object> registrationOptions(User user) {
		byte[] challenge = this.challenges.open(PasskeyPurpose.REGISTRATION, user.id().toString());
		Map<String, Object> options = new LinkedHashMap<>();
		options.put("rp", Map.of("id", this.properties.rpId(), "name", this.properties.rpName()));
		options.put("user", Map.of("id", PasskeyChallenges.encode(userHandle(user.id())), "name", user.email(),
				"displayName", user.displayName()));
		options.put("challenge", PasskeyChallenges.encode(challenge));
		options.put("pubKeyCredParams",
				ALGORITHMS.stream().map((alg) -> Map.of("type", "public-key", "alg", alg)).toList());
		options.put("timeout", this.properties.challengeLifetime().toMillis());
		options.put("excludeCredentials", descriptors(this.store.list(user.id())));
		options.put("authenticatorSelection",
				Map.of("residentKey", "preferred", "requireResidentKey", false, "userVerification", "preferred"));
		options.put("attestation", "none");
		return options;
	}

	/**
	 * Verifies a registration for its challenge and stores the passkey under
	 * {@code name}.
	 */
	public Passkey register(User user, String name, String response, ClientInfo client) {
		RegistrationData data;
		try {
			data = this.manager.parseRegistrationResponseJSON(bounded(response));
		}
		catch (RuntimeException ex) {
			// Whatever a forged or truncated answer makes the parser throw.
			throw PasskeyErrors.malformed();
		}
		byte[] challenge = challengeOf(data.getCollectedClientData());
		take(PasskeyPurpose.REGISTRATION, user.id().toString(), challenge);
		List<PublicKeyCredentialParameters> algorithms = ALGORITHMS.stream()
			.map((alg) -> new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY,
					COSEAlgorithmIdentifier.create(alg)))
			.toList();
		try {
			this.manager.verify(data, new RegistrationParameters(serverProperty(challenge), algorithms, false, true));
		}
		catch (VerificationException | IllegalArgumentException | NullPointerException ex) {
			log.info("Passkey registration refused for user {}: {}", user.id(), ex.getClass().getSimpleName());
			throw PasskeyErrors.invalid();
		}
		AuthenticatorData<?> authenticator = data.getAttestationObject().getAuthenticatorData();
		AttestedCredentialData attested = authenticator.getAttestedCredentialData();
		Set<String> transports = data.getTransports() == null ? Set.of()
				: data.getTransports()
					.stream()
					.map(AuthenticatorTransport::getValue)
					.collect(Collectors.toCollection(LinkedHashSet::new));
		Passkey passkey = new Passkey(UUID.randomUUID(), user.id(), attested.getCredentialId(), name,
				this.credentialData.convert(attested), authenticator.getSignCount(), authenticator.isFlagUV(),
				authenticator.isFlagBE(), authenticator.isFlagBS(), transports,
				deviceHint(transports, authenticator.isFlagBE()), this.clock.instant(), null);
		try {
			this.transactions.executeWithoutResult((tx) -> {
				if (!this.store.insert(passkey, this.properties.maxPerUser())) {
					throw PasskeyErrors.tooMany(this.properties.maxPerUser());
				}
				this.events.publish(user.id().toString(), new PasskeyRegistered(user.email(), user.displayName(),
						user.locale(), client.ip(), client.userAgent(), passkey.id().toString(), name));
			});
		}
		catch (DuplicateKeyException ex) {
			throw PasskeyErrors.exists();
		}
		return passkey;
	}

	public List<Passkey> list(UUID userId) {
		return this.store.list(userId);
	}

	public int count(UUID userId) {
		return this.store.count(userId);
	}

	/**
	 * Removes every passkey of the user, in the caller's transaction (an administrator's
	 * reset of two-factor, published by the caller); how many.
	 */
	public int removeAll(UUID userId) {
		return this.store.deleteAll(userId);
	}

	/**
	 * Whether a sign-in of the user takes a second factor: an authenticator app, or a
	 * passkey.
	 */
	public boolean hasSecondFactor(User user) {
		return user.twoFactorEnabled() || this.store.count(user.id()) > 0;
	}

	public Passkey rename(UUID userId, UUID id, String name) {
		if (!this.store.rename(userId, id, name)) {
			throw PasskeyErrors.notFound();
		}
		return this.store.list(userId)
			.stream()
			.filter((passkey) -> passkey.id().equals(id))
			.findFirst()
			.orElseThrow(PasskeyErrors::notFound);
	}

	/**
	 * Removes one of the user's passkeys: it stops working at once. Never the last second
	 * factor of a user the policy requires one of.
	 */
	public void remove(User user, UUID id, ClientInfo client) {
		this.transactions.executeWithoutResult((tx) -> {
			// The user's row locked: a removal, the app turned off or an administrator's
			// reset at the same time each see the others' outcome.
			User current = this.users.findByIdForUpdate(user.id()).orElseThrow(PasskeyErrors::notFound);
			Passkey removed = this.store.delete(user.id(), id).orElseThrow(PasskeyErrors::notFound);
			if (!current.twoFactorEnabled() && this.store.count(user.id()) == 0
					&& this.policies.current().requiresTwoFactor(current.roles())) {
				throw PasskeyErrors.lastSecondFactor();
			}
			this.events.publish(user.id().toString(), new PasskeyRemoved(user.email(), user.displayName(),
					user.locale(), client.ip(), client.userAgent(), removed.id().toString(), removed.name()));
		});
	}

	/**
	 * {@code PublicKeyCredentialRequestOptions} (as JSON) for a ceremony of
	 * {@code purpose}: for a known user their passkeys are listed, for a sign-in none
	 * (the authenticator offers its discoverable ones).
	 */
	public Map<String, Object> requestOptions(PasskeyPurpose purpose, @Nullable String subject, List<Passkey> allowed,
			boolean userVerificationRequired) {
		byte[] challenge = this.challenges.open(purpose, subject);
		Map<String, Object> options = new LinkedHashMap<>();
		options.put("challenge", PasskeyChallenges.encode(challenge));
		options.put("rpId", this.properties.rpId());
		options.put("timeout", this.properties.challengeLifetime().toMillis());
		options.put("allowCredentials", descriptors(allowed));
		options.put("userVerification", userVerificationRequired ? "required" : "preferred");
		return options;
	}

	/**
	 * Verifies an assertion for a challenge opened for {@code purpose} and
	 * {@code subject}: the passkey it names, which must be {@code owner}'s when one is
	 * expected, and whose counter it raises; a counter that did not rise is refused and
	 * published as a suspected clone.
	 */
	public Asserted verifyAssertion(String response, PasskeyPurpose purpose, @Nullable String subject,
			@Nullable UUID owner, boolean userVerificationRequired, ClientInfo client) {
		AuthenticationData data;
		try {
			data = this.manager.parseAuthenticationResponseJSON(bounded(response));
		}
		catch (RuntimeException ex) {
			// Whatever a forged or truncated answer makes the parser throw.
			throw PasskeyErrors.malformed();
		}
		byte[] challenge = challengeOf(data.getCollectedClientData());
		take(purpose, subject, challenge);
		Passkey passkey = Optional.ofNullable(data.getCredentialId())
			.flatMap(this.store::findByCredentialId)
			.orElseThrow(PasskeyErrors::unknown);
		if (owner != null && !owner.equals(passkey.userId())) {
			// Another user's passkey: refused before its signature is even looked at, and
			// its counter and last use stay as they are.
			throw PasskeyErrors.invalid();
		}
		byte[] handle = data.getUserHandle();
		if (handle != null && handle.length > 0 && !Arrays.equals(handle, userHandle(passkey.userId()))) {
			throw PasskeyErrors.invalid();
		}
		AttestedCredentialData attested = this.credentialData.convert(passkey.attestedCredentialData());
		CredentialRecordImpl record = new CredentialRecordImpl(new NoneAttestationStatement(), passkey.userVerified(),
				passkey.backupEligible(), passkey.backedUp(), passkey.signCount(), attested, null, null, null,
				passkey.transports().stream().map(AuthenticatorTransport::create).collect(Collectors.toSet()));
		try {
			this.manager.verify(data,
					new AuthenticationParameters(serverProperty(challenge), record, null, false, true));
		}
		catch (MaliciousCounterValueException ex) {
			long presented = data.getAuthenticatorData() == null ? 0 : data.getAuthenticatorData().getSignCount();
			log.warn("Passkey {} of user {} answered counter {} after {}: refused as a possible copy", passkey.id(),
					passkey.userId(), presented, passkey.signCount());
			this.users.findById(passkey.userId())
				.ifPresent((user) -> this.transactions
					.executeWithoutResult((tx) -> this.events.publish(user.id().toString(),
							new PasskeyCloneSuspected(user.email(), user.displayName(), user.locale(), client.ip(),
									client.userAgent(), passkey.id().toString(), passkey.name(), passkey.signCount(),
									presented))));
			throw PasskeyErrors.invalid();
		}
		catch (VerificationException | IllegalArgumentException | NullPointerException ex) {
			log.info("Passkey assertion refused for passkey {}: {}", passkey.id(), ex.getClass().getSimpleName());
			throw PasskeyErrors.invalid();
		}
		AuthenticatorData<?> authenticator = data.getAuthenticatorData();
		boolean verified = authenticator.isFlagUV();
		if (userVerificationRequired && !verified) {
			throw PasskeyErrors.userVerificationRequired();
		}
		Instant now = this.clock.instant();
		if (!this.store.recordUse(passkey.id(), passkey.signCount(), authenticator.getSignCount(),
				authenticator.isFlagBS(), now)) {
			// Removed, or another assertion of it was recorded meanwhile.
			throw PasskeyErrors.unknown();
		}
		return new Asserted(passkey, verified);
	}

	private static byte[] challengeOf(@Nullable CollectedClientData clientData) {
		byte[] challenge = (clientData == null || clientData.getChallenge() == null) ? null
				: clientData.getChallenge().getValue();
		if (challenge == null || challenge.length == 0) {
			throw PasskeyErrors.challengeInvalid();
		}
		return challenge;
	}

	private void take(PasskeyPurpose purpose, @Nullable String subject, byte[] challenge) {
		if (!this.challenges.take(purpose, subject, challenge)) {
			throw PasskeyErrors.challengeInvalid();
		}
	}

	private ServerProperty serverProperty(byte[] challenge) {
		return ServerProperty.builder()
			.origins(this.origins)
			.rpId(this.properties.rpId())
			.challenge(new DefaultChallenge(challenge))
			.build();
	}

	private static String bounded(String response) {
		if (response.length() > MAX_RESPONSE_LENGTH) {
			throw PasskeyErrors.malformed();
		}
		return response;
	}

	private static List<Map<String, Object>> descriptors(List<Passkey> passkeys) {
		return passkeys.stream().map((passkey) -> {
			Map<String, Object> descriptor = new LinkedHashMap<>();
			descriptor.put("type", "public-key");
			descriptor.put("id", PasskeyChallenges.encode(passkey.credentialId()));
			if (!passkey.transports().isEmpty()) {
				descriptor.put("transports", List.copyOf(passkey.transports()));
			}
			return descriptor;
		}).toList();
	}

	/**
	 * The user handle authenticators keep: the user's id as 16 bytes, nothing personal.
	 */
	static byte[] userHandle(UUID userId) {
		return ByteBuffer.allocate(16)
			.putLong(userId.getMostSignificantBits())
			.putLong(userId.getLeastSignificantBits())
			.array();
	}

	/** What kind of authenticator holds it, as far as its transports tell. */
	static @Nullable String deviceHint(Set<String> transports, boolean synced) {
		if (transports.contains("hybrid")) {
			return "Phone or tablet";
		}
		if (transports.contains("internal")) {
			return synced ? "Built into a device, synced" : "Built into a device";
		}
		List<String> external = transports.stream()
			.filter((transport) -> Set.of("usb", "nfc", "ble", "smart-card").contains(transport))
			.map((transport) -> transport.toUpperCase(java.util.Locale.ROOT))
			.toList();
		return external.isEmpty() ? null : "Security key (" + String.join(", ", external) + ")";
	}

	/** A verified assertion: whose passkey, and whether the user was verified. */
	public record Asserted(Passkey passkey, boolean userVerified) {
	}

}
