package dev.warden.notification.users;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.warden.event.Addressed;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import org.jspecify.annotations.Nullable;

/**
 * Where to write to: each user's e-mail address and name, learned from events that carry
 * them ({@code user.created}, and any event with {@code email} in its data). Session and
 * token events name only the user id; this is how their mails find the address. Kept in
 * Redis, refreshed by every event that carries it.
 */
@Component
public class KnownUsers {

	private static final String PREFIX = "warden:notify:user:";

	private static final Duration KEEP = Duration.ofDays(400);

	private final StringRedisTemplate redis;

	KnownUsers(StringRedisTemplate redis) {
		this.redis = redis;
	}

	public void remember(@Nullable String userId, Addressed user) {
		if (userId == null || user.email().isBlank()) {
			return;
		}
		Map<String, String> fields = new java.util.HashMap<>();
		fields.put("email", user.email());
		fields.put("displayName", user.displayName());
		// Events that carry the address carry the user's language too, when one is
		// chosen: none means English.
		String locale = user.locale();
		if (locale != null && !locale.isBlank()) {
			fields.put("locale", locale);
		}
		else {
			this.redis.opsForHash().delete(PREFIX + userId, "locale");
		}
		this.redis.opsForHash().putAll(PREFIX + userId, fields);
		this.redis.expire(PREFIX + userId, KEEP);
	}

	public Optional<Recipient> find(@Nullable String userId) {
		if (userId == null) {
			return Optional.empty();
		}
		List<Object> values = this.redis.opsForHash()
			.multiGet(PREFIX + userId, List.of("email", "displayName", "locale"));
		if (values.get(0) == null) {
			return Optional.empty();
		}
		return Optional.of(new Recipient(values.get(0).toString(), text(values.get(1)), text(values.get(2))));
	}

	private static @Nullable String text(@Nullable Object value) {
		return value == null ? null : value.toString();
	}

	/** Whom a mail goes to, and in which language ({@code null}: English). */
	public record Recipient(String email, @Nullable String displayName, @Nullable String locale) {

		public java.util.Locale preferredLocale() {
			return this.locale == null ? java.util.Locale.ENGLISH : java.util.Locale.forLanguageTag(this.locale);
		}
	}

}
