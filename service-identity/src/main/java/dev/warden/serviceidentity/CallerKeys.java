package dev.warden.serviceidentity;

import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;

/**
 * The services a service accepts calls from, each with its public key(s): a JWK, or a JWK
 * Set while a key is rotated. A caller without a configured key is not accepted at all.
 */
public final class CallerKeys {

	private final Map<String, List<ECKey>> keys;

	private CallerKeys(Map<String, List<ECKey>> keys) {
		this.keys = keys;
	}

	/**
	 * Parses caller name to public key JSON; blank values leave that caller out (its
	 * calls are refused). Messages name the setting, never key material.
	 */
	public static CallerKeys parse(Map<String, String> callers) {
		Map<String, List<ECKey>> keys = new LinkedHashMap<>();
		Map<String, String> owners = new LinkedHashMap<>();
		callers.forEach((caller, json) -> {
			if (json != null && !json.isBlank()) {
				List<ECKey> parsed = parseKeys(caller, json.strip());
				for (ECKey key : parsed) {
					// One key for two callers would let one sign as the other: a pasting
					// mistake to refuse.
					String thumbprint = thumbprint(caller, key);
					String other = owners.putIfAbsent(thumbprint, caller);
					if (other != null && !other.equals(caller)) {
						throw new IllegalArgumentException(
								"The same key is configured for calls from " + other + " and from " + caller);
					}
				}
				keys.put(caller, parsed);
			}
		});
		return new CallerKeys(Map.copyOf(keys));
	}

	private static List<ECKey> parseKeys(String caller, String json) {
		try {
			List<JWK> parsed = json.contains("\"keys\"") ? JWKSet.parse(json).getKeys() : List.of(JWK.parse(json));
			return parsed.stream().map((jwk) -> {
				if (!(jwk instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve()) || ec.getKeyID() == null) {
					throw new IllegalArgumentException(
							"The key configured for calls from " + caller + " must be a P-256 EC JWK with a kid");
				}
				// Only the public half is needed, whatever was pasted.
				return ec.toPublicJWK();
			}).toList();
		}
		catch (ParseException ex) {
			throw new IllegalArgumentException("The key configured for calls from " + caller + " is not a valid JWK");
		}
	}

	private static String thumbprint(String caller, ECKey key) {
		try {
			return key.computeThumbprint().toString();
		}
		catch (com.nimbusds.jose.JOSEException ex) {
			throw new IllegalArgumentException("The key configured for calls from " + caller + " is not usable");
		}
	}

	List<ECKey> of(String caller) {
		return caller == null ? List.of() : this.keys.getOrDefault(caller, List.of());
	}

	public boolean isEmpty() {
		return this.keys.isEmpty();
	}

	public java.util.Set<String> callers() {
		return this.keys.keySet();
	}

}
