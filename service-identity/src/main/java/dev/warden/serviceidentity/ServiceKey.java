package dev.warden.serviceidentity;

import java.text.ParseException;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;

/**
 * A calling service's private P-256 key ({@code WARDEN_SERVICE_KEY}, a JWK with a
 * {@code kid}), with which it signs its service tokens. Only the public half ever leaves
 * the service: the services it calls are configured with it.
 */
public final class ServiceKey {

	private final ECKey key;

	private ServiceKey(ECKey key) {
		this.key = key;
	}

	/**
	 * Parses the configured key; the message of a failure names the setting, never key
	 * material.
	 */
	public static ServiceKey parse(String setting, String json) {
		if (json == null || json.isBlank()) {
			throw new IllegalArgumentException(setting + " is not set: this service calls others and needs its own"
					+ " key (deploy/new-secrets.sh prints one)");
		}
		try {
			ECKey key = ECKey.parse(json.strip());
			if (!key.isPrivate() || !Curve.P_256.equals(key.getCurve()) || key.getKeyID() == null) {
				throw new IllegalArgumentException(setting + " must be a private P-256 EC JWK with a kid");
			}
			return new ServiceKey(key);
		}
		catch (ParseException ex) {
			throw new IllegalArgumentException(setting + " is not a valid JWK");
		}
	}

	/** A fresh key pair, for the launcher's secret generation and for tests. */
	public static ServiceKey generate() {
		try {
			return new ServiceKey(new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE)
				.keyID(UUID.randomUUID().toString())
				.generate());
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not generate a service key", ex);
		}
	}

	ECKey privateKey() {
		return this.key;
	}

	/**
	 * A signer with this key, for what else the service signs (auth-service: session
	 * grants).
	 */
	public com.nimbusds.jose.JWSSigner signer() {
		try {
			return new com.nimbusds.jose.crypto.ECDSASigner(this.key);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Unusable service key", ex);
		}
	}

	/** The key's {@code kid}. */
	public String keyId() {
		return this.key.getKeyID();
	}

	/** The private JWK as JSON: the value of {@code WARDEN_SERVICE_KEY}. */
	public String privateJson() {
		return this.key.toJSONString();
	}

	/** The public JWK as JSON: what the called services are configured with. */
	public String publicJson() {
		return this.key.toPublicJWK().toJSONString();
	}

}
