package dev.warden.audit.log;

import java.util.Map;
import java.util.Set;

import dev.warden.event.ByActor;
import dev.warden.event.CommonFields;
import dev.warden.event.EventTypes;
import org.jspecify.annotations.Nullable;

/**
 * Who did it, did it work, and from where: the columns of a log entry that are searched
 * and shown, read from the event's type, subject and data. They are derived, never
 * trusted from elsewhere, so verification can recompute them and an edited column is
 * caught like an edited payload.
 *
 * @param actorType {@code user} (the account's owner or whoever typed its e-mail),
 * {@code admin} (an administrator acting on the account) or {@code system} (a scheduled
 * job or a policy)
 */
public record Attribution(String actorType, @Nullable String actorId, String outcome, @Nullable String ip,
		@Nullable String userAgent, @Nullable String sessionId, @Nullable String tokenId) {

	public static final String USER = "user";

	public static final String ADMIN = "admin";

	public static final String SYSTEM = "system";

	public static final String SUCCESS = "success";

	public static final String FAILURE = "failure";

	private static final Set<String> BY_THE_SYSTEM = Set.of(EventTypes.PASSWORD_EXPIRED,
			EventTypes.PASSWORD_EXPIRING_SOON, EventTypes.TOKEN_EXPIRING_SOON, EventTypes.TOKEN_EXPIRED,
			EventTypes.ACCOUNT_LOCKED, EventTypes.AUDIT_RETENTION_APPLIED);

	private static final Set<String> FAILURES = Set.of(EventTypes.LOGIN_FAILED, EventTypes.PASSWORD_CHANGE_FAILED,
			EventTypes.ACCOUNT_LOCKED, EventTypes.SECOND_FACTOR_FAILED, EventTypes.PASSKEY_CLONE_SUSPECTED);

	public static Attribution of(String type, @Nullable String subject, @Nullable Map<String, Object> data) {
		// The log keeps every event it is given, so it reads what it can of any data.
		CommonFields fields = CommonFields.of(data);
		String actorId = fields.actorId();
		String actorType;
		if (actorId != null && !actorId.equals(subject) && !ByActor.SYSTEM.equals(actorId)) {
			actorType = ADMIN;
		}
		else if (ByActor.SYSTEM.equals(actorId) || BY_THE_SYSTEM.contains(type)) {
			actorType = SYSTEM;
			actorId = null;
		}
		else {
			actorType = USER;
			actorId = subject;
		}
		return new Attribution(actorType, actorId, FAILURES.contains(type) ? FAILURE : SUCCESS, fields.ip(),
				fields.userAgent(), fields.sessionId(), fields.tokenId());
	}

}
