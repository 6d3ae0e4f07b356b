package dev.warden.token.issue;

/** Where a token stands: usable, past its expiry, or revoked. */
public enum TokenStatus {

	ACTIVE, EXPIRED, REVOKED

}
