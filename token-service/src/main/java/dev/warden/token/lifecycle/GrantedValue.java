package dev.warden.token.lifecycle;

import dev.warden.serviceidentity.token.TokenGrants;
import java.util.List;
import java.util.regex.Pattern;

import dev.warden.event.ApiTokenFormat;

/**
 * A new token's value, made by the gateway, and the token grant the gateway signed for
 * it. Only the shape is checked here: the grant is the gateway's to verify, and
 * token-service holds no key for it.
 *
 * @param value the token itself: returned once to its owner, otherwise only its hash is
 * kept
 * @param grant a compact JWS, stored as it came
 */
public record GrantedValue(String value, String grant) {

	public static final String VALUE_HEADER = TokenGrants.VALUE_HEADER;

	public static final String GRANT_HEADER = TokenGrants.GRANT_HEADER;

	/**
	 * Far above a real grant (a few hundred characters), so a few roles more never
	 * matter.
	 */
	static final int GRANT_MAX_LENGTH = 4096;

	/**
	 * Three non-empty base64url parts: an unsigned JWT, with an empty third part, is not
	 * one.
	 */
	private static final Pattern COMPACT_JWS = Pattern.compile("[A-Za-z0-9_-]++\\.[A-Za-z0-9_-]++\\.[A-Za-z0-9_-]++");

	/**
	 * The value and grant from the gateway's headers, each sent exactly once (two of
	 * either could be read differently along the way).
	 */
	public static GrantedValue from(List<String> values, List<String> grants) {
		if (values.size() != 1 || grants.size() != 1) {
			throw TokenErrors.grantMissing();
		}
		String value = values.get(0);
		String grant = grants.get(0);
		if (!ApiTokenFormat.isWellFormed(value) || grant == null || grant.length() > GRANT_MAX_LENGTH
				|| !COMPACT_JWS.matcher(grant).matches()) {
			throw TokenErrors.grantMissing();
		}
		return new GrantedValue(value, grant);
	}

	@Override
	public String toString() {
		return "GrantedValue[<hidden>]";
	}
}
