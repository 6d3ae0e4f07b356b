package dev.warden.serviceidentity;

/**
 * The JWT claim names Warden's tokens and grants use beyond the registered ones
 * ({@code sub}, {@code iss}, {@code aud}, {@code exp}...), defined once for every signer
 * and reader.
 */
public final class Claims {

	/** The caller's roles ({@code USER}, {@code ADMIN}). */
	public static final String ROLES = "roles";

	/** An API token's one role. */
	public static final String ROLE = "role";

	/** How the user proved who they are (RFC 8176 names: {@code pwd}, {@code otp}). */
	public static final String AUTH_METHODS = "amr";

	/** When the user last proved who they are (OpenID Connect Core, epoch seconds). */
	public static final String AUTH_TIME = "auth_time";

	/** The session's public id. */
	public static final String SESSION_ID = "sid";

	/** The API token's id. */
	public static final String TOKEN_ID = "tid";

	/** The client's address, as the gateway established it. */
	public static final String CLIENT_IP = "cip";

	/** The user of the session a sign-in replaces. */
	public static final String REPLACED_USER = "prev_sub";

	/** The public id of the session a sign-in replaces. */
	public static final String REPLACED_SESSION = "prev_sid";

	/** The password must change before anything else. */
	public static final String PASSWORD_CHANGE_REQUIRED = "pcr";

	/** Two-factor authentication must be set up before anything else. */
	public static final String TWO_FACTOR_SETUP_REQUIRED = "tfr";

	/** A session grant's binding: the SHA-256 of the cookie value it is for. */
	public static final String SECRET_HASH = "sh";

	/** A token grant's binding: the SHA-256 of the API token it is for. */
	public static final String TOKEN_HASH = "th";

	private Claims() {
	}

}
