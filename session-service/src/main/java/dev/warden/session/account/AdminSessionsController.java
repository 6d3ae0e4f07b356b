package dev.warden.session.account;

import java.util.List;

import dev.warden.session.lifecycle.SessionService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;

import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A user's active sessions for administrators ({@code ADMIN}). Ending them all is
 * auth-service's {@code POST /api/admin/users/{id}/sessions/end}, which also checks the
 * user exists.
 */
@RestController
@Validated
@Tag(name = "Administration", description = "For administrators (role ADMIN).")
class AdminSessionsController {

	private final SessionService sessions;

	AdminSessionsController(SessionService sessions) {
		this.sessions = sessions;
	}

	@GetMapping("/api/admin/users/{userId}/sessions")
	@Operation(operationId = "listUserSessions", summary = "A user's active sessions, on every device")
	MySessionsController.SessionList list(@PathVariable @Pattern(regexp = "[0-9a-fA-F-]{36}") String userId) {
		List<SessionView> views = this.sessions.list(userId)
			.stream()
			.map((session) -> SessionView.of(session, null, this.sessions.idleTimeout()))
			.toList();
		return new MySessionsController.SessionList(views);
	}

}
