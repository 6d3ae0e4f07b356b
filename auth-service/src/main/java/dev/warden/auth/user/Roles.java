package dev.warden.auth.user;

/**
 * The roles of the suite. {@code ADMIN} administers users, policy and the security log.
 */
public final class Roles {

	public static final String USER = "USER";

	public static final String ADMIN = "ADMIN";

	/** Every role there is. */
	public static final java.util.Set<String> ALL = java.util.Set.of(USER, ADMIN);

	private Roles() {
	}

}
