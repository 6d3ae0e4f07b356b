package dev.warden.session.store;

/**
 * Redis key names, {@code namespace:type:id} as Spring Session does. Sessions are keyed
 * by the SHA-256 of their secret, never by the secret itself, so a dump of Redis yields
 * no usable cookie.
 */
final class SessionKeys {

	static final String PREFIX = "warden:session:";

	private SessionKeys() {
	}

	static String session(String secretHash) {
		return PREFIX + "s:" + secretHash;
	}

	static String publicId(String publicId) {
		return PREFIX + "p:" + publicId;
	}

	static String user(String userId) {
		return PREFIX + "u:" + userId;
	}

	static String devices(String userId) {
		return PREFIX + "d:" + userId;
	}

	static String secretHashOf(String sessionKey) {
		return sessionKey.substring((PREFIX + "s:").length());
	}

}
