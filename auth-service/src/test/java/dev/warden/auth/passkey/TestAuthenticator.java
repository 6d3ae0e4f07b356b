package dev.warden.auth.passkey;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A FIDO2 authenticator in the test: a P-256 key pair made at registration, the
 * authenticator data and signatures of WebAuthn Level 3 (attestation "none"), built with
 * webauthn4j's own encoders and signed with the JDK. What it answers is the JSON a
 * browser's {@code PublicKeyCredential.toJSON()} gives. Settings let a test play a cloned
 * key, a phishing origin or an authenticator that skips user verification.
 */
public final class TestAuthenticator {

	public static final String ORIGIN = "http://localhost:8080";

	private static final ObjectConverter CONVERTER = new ObjectConverter();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

	private final KeyPair keys;

	private final byte[] credentialId = new byte[32];

	private byte[] userHandle = new byte[0];

	private long counter;

	private String origin = ORIGIN;

	private boolean userVerification = true;

	public TestAuthenticator() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			this.keys = generator.generateKeyPair();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		new SecureRandom().nextBytes(this.credentialId);
	}

	/** Answers from this origin from now on (a phishing page's). */
	public TestAuthenticator origin(String origin) {
		this.origin = origin;
		return this;
	}

	/** Whether it verifies the user (PIN, biometrics) from now on. */
	public TestAuthenticator userVerification(boolean verifies) {
		this.userVerification = verifies;
		return this;
	}

	/** Sets the signature counter, as a copy of the key with an older count would. */
	public TestAuthenticator counter(long counter) {
		this.counter = counter;
		return this;
	}

	public String credentialId() {
		return B64.encodeToString(this.credentialId);
	}

	/**
	 * {@code navigator.credentials.create()} for these creation options: the
	 * RegistrationResponseJSON.
	 */
	public String register(JsonNode options) {
		String rpId = options.path("rp").path("id").asString();
		this.userHandle = Base64.getUrlDecoder().decode(options.path("user").path("id").asString());
		byte[] clientData = clientData("webauthn.create", options.path("challenge").asString());
		AttestedCredentialData attested = new AttestedCredentialData(AAGUID.ZERO, this.credentialId,
				EC2COSEKey.create((ECPublicKey) this.keys.getPublic(), COSEAlgorithmIdentifier.ES256));
		AuthenticatorData<?> data = new AuthenticatorData<>(sha256(rpId.getBytes(StandardCharsets.UTF_8)),
				(byte) (flags() | 0x40), this.counter, attested);
		@SuppressWarnings({ "unchecked", "rawtypes" })
		byte[] attestation = new AttestationObjectConverter(CONVERTER)
			.convertToBytes(new AttestationObject((AuthenticatorData) data, new NoneAttestationStatement()));
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("clientDataJSON", B64.encodeToString(clientData));
		response.put("attestationObject", B64.encodeToString(attestation));
		response.put("transports", List.of("usb", "nfc"));
		return credential(response);
	}

	/**
	 * {@code navigator.credentials.get()} for these request options: the
	 * AuthenticationResponseJSON.
	 */
	public String assertion(JsonNode options) {
		this.counter++;
		byte[] clientData = clientData("webauthn.get", options.path("challenge").asString());
		byte[] data = new AuthenticatorDataConverter(CONVERTER).convert(new AuthenticatorData<>(
				sha256(options.path("rpId").asString().getBytes(StandardCharsets.UTF_8)), flags(), this.counter));
		byte[] signed = new byte[data.length + 32];
		System.arraycopy(data, 0, signed, 0, data.length);
		System.arraycopy(sha256(clientData), 0, signed, data.length, 32);
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("clientDataJSON", B64.encodeToString(clientData));
		response.put("authenticatorData", B64.encodeToString(data));
		response.put("signature", B64.encodeToString(sign(signed)));
		response.put("userHandle", B64.encodeToString(this.userHandle));
		return credential(response);
	}

	private byte flags() {
		return (byte) (0x01 | (this.userVerification ? 0x04 : 0));
	}

	private byte[] clientData(String type, String challenge) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("type", type);
		data.put("challenge", challenge);
		data.put("origin", this.origin);
		data.put("crossOrigin", false);
		return JSON.writeValueAsString(data).getBytes(StandardCharsets.UTF_8);
	}

	private String credential(Map<String, Object> response) {
		Map<String, Object> credential = new LinkedHashMap<>();
		credential.put("id", credentialId());
		credential.put("rawId", credentialId());
		credential.put("type", "public-key");
		credential.put("response", response);
		credential.put("clientExtensionResults", Map.of());
		credential.put("authenticatorAttachment", "cross-platform");
		return JSON.writeValueAsString(credential);
	}

	private byte[] sign(byte[] data) {
		try {
			Signature signature = Signature.getInstance("SHA256withECDSA");
			signature.initSign(this.keys.getPrivate());
			signature.update(data);
			return signature.sign();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] sha256(byte[] data) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(data);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
