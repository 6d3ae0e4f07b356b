package dev.warden.token.lifecycle;

/** Where a token stands: usable, past its expiry, or revoked. */
public enum TokenStatus {

	ACTIVE, EXPIRED, REVOKED

}
