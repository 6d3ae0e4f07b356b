package dev.warden.event;

import org.jspecify.annotations.Nullable;

/**
 * An event whose actor may be someone other than its subject: an administrator's user id,
 * or {@code system}.
 */
public interface ByActor {

	/** {@link #SYSTEM} for the suite itself (the first administrator at first start). */
	String SYSTEM = "system";

	@Nullable String actorId();

}
