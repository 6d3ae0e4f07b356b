package dev.warden.event;

import java.util.List;
import java.util.Map;

/** Data of {@code warden.user.created}: who was created, and by whom ({@code actor}: a user id or "system"). */
public record UserCreated(String userId, String email, String displayName, List<String> roles, String actor) {

	public Map<String, Object> toData() {
		return Map.of("userId", userId, "email", email, "displayName", displayName, "roles", List.copyOf(roles),
				"actor", actor);
	}
}
