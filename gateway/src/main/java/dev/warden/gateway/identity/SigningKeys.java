package dev.warden.gateway.identity;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;

/**
 * The gateway's ES256 signing key and the public JWK Set (RFC 7517) services verify
 * against. Rotation without downtime: configure the new key and keep the old public key
 * in {@code previousKeys} for a minute.
 */
public final class SigningKeys {

	private final ECKey signingKey;

	private final JWKSet publicKeys;

	private SigningKeys(ECKey signingKey, List<JWK> previous) {
		this.signingKey = signingKey;
		List<JWK> keys = new ArrayList<>();
		keys.add(signingKey.toPublicJWK());
		previous.forEach((key) -> keys.add(key.toPublicJWK()));
		this.publicKeys = new JWKSet(keys);
	}

	public static SigningKeys from(InternalTokenProperties properties) {
		ECKey key = properties.signing().key().isBlank() ? generate() : parse(properties.signing().key());
		List<JWK> previous = properties.signing().previousKeys().isBlank() ? List.of()
				: parseSet(properties.signing().previousKeys());
		return new SigningKeys(key, previous);
	}

	public ECKey signingKey() {
		return this.signingKey;
	}

	/** The JWK Set with public keys only: never a private parameter. */
	public String publicJwkSetJson() {
		return this.publicKeys.toString(true);
	}

	static ECKey generate() {
		try {
			return new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE)
				.keyID(UUID.randomUUID().toString())
				.generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not generate the signing key", ex);
		}
	}

	private static ECKey parse(String json) {
		try {
			ECKey key = ECKey.parse(json);
			if (!key.isPrivate() || !Curve.P_256.equals(key.getCurve()) || key.getKeyID() == null) {
				throw new IllegalArgumentException(
						"warden.identity.signing.key must be a private P-256 EC JWK with a kid");
			}
			return key;
		}
		catch (ParseException ex) {
			// The message could contain key material: say only what is wrong.
			throw new IllegalArgumentException("warden.identity.signing.key is not a valid JWK");
		}
	}

	private static List<JWK> parseSet(String json) {
		try {
			return JWKSet.parse(json).getKeys();
		}
		catch (ParseException ex) {
			throw new IllegalArgumentException("warden.identity.signing.previous-keys is not a valid JWK Set");
		}
	}

}
