package dev.warden.auth.user;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.warden.event.auth.UserUpdated;
import dev.warden.auth.password.PasswordHasher;
import dev.warden.event.CloudEvent;
import dev.warden.event.EventSources;
import dev.warden.event.Topics;
import dev.warden.event.auth.UserCreated;
import dev.warden.support.identity.WardenPrincipal;
import dev.warden.support.outbox.OutboxWriter;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.jspecify.annotations.Nullable;

/**
 * Creates users; each creation and its {@code warden.user.created} event commit together.
 */
@Service
public class UserService {

	static final String SOURCE = EventSources.AUTH_SERVICE;

	private final UserStore users;

	private final PasswordHasher passwords;

	private final OutboxWriter outbox;

	private final Clock clock;

	private final TemporaryPasswordProperties temporary;

	UserService(UserStore users, PasswordHasher passwords, OutboxWriter outbox, Clock clock,
			TemporaryPasswordProperties temporary) {
		this.temporary = temporary;
		this.users = users;
		this.passwords = passwords;
		this.outbox = outbox;
		this.clock = clock;
	}

	/** Why the user's password must change, when that was recorded ({@code breached}). */
	public java.util.Optional<String> passwordChangeReason(java.util.UUID id) {
		return this.users.passwordChangeReason(id);
	}

	/** The calling user; 401 if the caller is not one of auth-service's users. */
	public User caller(WardenPrincipal caller) {
		return this.users.findById(CallerIds.userId(caller)).orElseThrow(CallerIds::unknownUser);
	}

	/**
	 * Creates a user with the given password.
	 * @param actor who creates it: an administrator's user id, or {@code system}
	 * @param temporary whether the user must change the password at first login; a
	 * temporary password stops working after {@code warden.password.temporary-lifetime},
	 * counted from now
	 */
	@Transactional
	public User create(String email, String displayName, List<String> roles, String password, boolean temporary,
			String actor) {
		return create(email, displayName, roles, password, temporary, actor, null);
	}

	/**
	 * As {@link #create(String, String, List, String, boolean, String)}, in a language
	 * ({@code null}: English).
	 */
	@Transactional
	public User create(String email, String displayName, List<String> roles, String password, boolean temporary,
			String actor, @Nullable String locale) {
		Instant now = this.clock.instant();
		User user = new User(UUID.randomUUID(), email.strip(), displayName.strip(), List.copyOf(roles),
				UserStatus.ACTIVE, this.passwords.hash(password), now, temporary, false, now, now, locale,
				temporary ? temporaryPasswordExpiry(now) : null);
		this.users.insert(user);
		this.outbox.append(Topics.AUTH_EVENTS, CloudEvent.of(SOURCE, user.id().toString(),
				new UserCreated(user.id().toString(), user.email(), user.displayName(), user.roles(), actor, locale)));
		return user;
	}

	/**
	 * Sets {@code password} as the user's temporary password again, with a new lifetime,
	 * if their temporary password expired; false if it did not (or the password is not
	 * temporary), and nothing changes.
	 */
	@Transactional
	public boolean renewExpiredTemporaryPassword(UUID id, String password) {
		Instant now = this.clock.instant();
		User user = this.users.findByIdForUpdate(id).orElseThrow(CallerIds::unknownUser);
		if (!user.temporaryPasswordExpired(now)) {
			return false;
		}
		this.users.setTemporaryPassword(id, this.passwords.hash(password), now, temporaryPasswordExpiry(now));
		return true;
	}

	/** When a temporary password set at {@code setAt} stops working. */
	public Instant temporaryPasswordExpiry(Instant setAt) {
		return setAt.plus(this.temporary.temporaryLifetime());
	}

	/**
	 * Sets the user's language ({@code null}: English); {@code user.updated} tells the
	 * other services, with the address, in the same transaction.
	 */
	@Transactional
	public void changeLocale(UUID id, @Nullable String locale) {
		User user = this.users.findById(id).orElseThrow(CallerIds::unknownUser);
		this.users.changeLocale(id, locale, this.clock.instant());
		this.outbox.append(Topics.AUTH_EVENTS, CloudEvent.of(SOURCE, id.toString(),
				new UserUpdated(user.email(), user.displayName(), locale, List.of("locale"))));
	}

}
