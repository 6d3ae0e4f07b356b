package dev.warden.session.store;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a renewal changes in a session besides its secret hash; {@code null} keeps a value
 * as it is.
 *
 * @param authMethods the methods now proven
 * @param authenticatedAt when the user last proved who they are
 * @param passwordChangeRequired the password must change before anything else
 * @param twoFactorSetupRequired two-factor authentication must be set up before anything
 * else
 */
public record SessionChanges(@Nullable List<String> authMethods, @Nullable Instant authenticatedAt,
		@Nullable Boolean passwordChangeRequired, @Nullable Boolean twoFactorSetupRequired) {

	/** Changes nothing but the hash. */
	public static final SessionChanges NONE = new SessionChanges(null, null, null, null);

}
