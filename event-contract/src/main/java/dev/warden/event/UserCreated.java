package dev.warden.event;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Data of {@code warden.user.created}: who was created, and by whom ({@code actor}: a
 * user id or "system"); {@code locale}, the user's language as a BCP 47 tag, is left out
 * when none was chosen (English).
 */
public record UserCreated(String userId, String email, String displayName, List<String> roles, @Nullable String actor,
		@Nullable String locale) {

	public Map<String, Object> toData() {
		Map<String, Object> data = new java.util.LinkedHashMap<>(Map.of("userId", userId, "email", email, "displayName",
				displayName, "roles", List.copyOf(roles), "actor", actor));
		if (locale != null) {
			data.put("locale", locale);
		}
		return data;
	}
}
