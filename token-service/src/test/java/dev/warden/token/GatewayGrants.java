package dev.warden.token;

import java.text.ParseException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.warden.event.ApiTokenFormat;

/**
 * What the gateway sends with a token creation: a value it made and the token grant it
 * signed for the signed-in user (read from the internal JWT it forwards). token-service
 * holds no key for grants, so a throwaway one serves.
 */
public final class GatewayGrants {

	public static final String VALUE_HEADER = "Warden-Token-Value";

	public static final String GRANT_HEADER = "Warden-Token-Grant";

	private static final ECKey KEY = generate();

	private GatewayGrants() {
	}

	/**
	 * A fresh value and its grant for the user of {@code bearer}, valid for
	 * {@code months}.
	 */
	public static Issued issue(String bearer, int months) {
		return issue(bearer, ApiTokenFormat.newToken(), months);
	}

	/**
	 * A grant for {@code value}, as the gateway would sign it for the user of
	 * {@code bearer}.
	 */
	public static Issued issue(String bearer, String value, int months) {
		JWTClaimsSet caller = claimsOf(bearer);
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("gateway")
			.audience("gateway")
			.subject(caller.getSubject())
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.atOffset(ZoneOffset.UTC).plusMonths(months).toInstant()))
			.claim("roles", caller.getClaim("roles"))
			.claim("th", ApiTokenFormat.hash(value))
			.build();
		SignedJWT grant = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("warden-token+jwt"))
					.keyID(KEY.getKeyID())
					.build(),
				claims);
		try {
			grant.sign(new ECDSASigner(KEY));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return new Issued(value, grant.serialize());
	}

	private static JWTClaimsSet claimsOf(String bearer) {
		try {
			return SignedJWT.parse(bearer.substring("Bearer ".length())).getJWTClaimsSet();
		}
		catch (ParseException ex) {
			throw new IllegalArgumentException("not a bearer JWT", ex);
		}
	}

	private static ECKey generate() {
		try {
			return new ECKeyGenerator(Curve.P_256).keyIDFromThumbprint(true).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A token value and the grant signed for it. */
	public record Issued(String value, String grant) {

		/** The two headers the gateway sets on a creation. */
		public Map<String, String> headers() {
			Map<String, String> headers = new LinkedHashMap<>();
			headers.put(VALUE_HEADER, this.value);
			headers.put(GRANT_HEADER, this.grant);
			return headers;
		}

		@Override
		public String toString() {
			return "Issued[<hidden>]";
		}
	}

}
