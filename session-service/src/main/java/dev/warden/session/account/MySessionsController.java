package dev.warden.session.account;

import java.util.List;

import dev.warden.session.lifecycle.RevocationReason;
import dev.warden.session.lifecycle.SessionService;
import dev.warden.support.identity.RecentAuthentication;
import dev.warden.support.apidocs.ProblemResponse;
import dev.warden.support.identity.WardenPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Security page's "List of active sessions": every device and browser the user is
 * signed in on, ending one, and "End all sessions except the current one". Ending
 * sessions needs a recent sign-in (ASVS 5.0 7.5.2).
 */
@RestController
@RequestMapping("/api/security/sessions")
@Tag(name = "Active sessions", description = "Where the user is signed in, and ending those sessions.")
class MySessionsController {

	private final SessionService sessions;

	private final RecentAuthentication recentAuthentication;

	MySessionsController(SessionService sessions, RecentAuthentication recentAuthentication) {
		this.sessions = sessions;
		this.recentAuthentication = recentAuthentication;
	}

	@GetMapping
	@Operation(operationId = "listMySessions", summary = "The user's active sessions, the current one marked")
	SessionList list(@AuthenticationPrincipal Jwt jwt) {
		WardenPrincipal caller = WardenPrincipal.from(jwt);
		List<SessionView> views = this.sessions.list(caller.userId())
			.stream()
			.map((session) -> SessionView.of(session, caller.sessionId(), this.sessions.idleTimeout()))
			.toList();
		return new SessionList(views);
	}

	@DeleteMapping("/{id}")
	@Operation(operationId = "endMySession", summary = "End one of the user's sessions")
	@ProblemResponse(status = 403, codes = "reauthentication_required", description = "The last sign-in is not recent.")
	@ProblemResponse(status = 404, codes = "session_not_found", description = "No session of the user has this id.")
	ResponseEntity<Void> end(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
		WardenPrincipal caller = WardenPrincipal.from(jwt);
		this.recentAuthentication.require(jwt);
		if (!this.sessions.revoke(caller.userId(), id, RevocationReason.USER)) {
			throw SessionErrors.notFound();
		}
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/end-others")
	@Operation(operationId = "endMyOtherSessions", summary = "End every session of the user except the current one")
	@ProblemResponse(status = 403, codes = { "session_required", "reauthentication_required" },
			description = "Not a signed-in session, or the last sign-in is not recent.")
	Ended endOthers(@AuthenticationPrincipal Jwt jwt) {
		WardenPrincipal caller = WardenPrincipal.from(jwt);
		if (caller.sessionId() == null) {
			throw SessionErrors.sessionRequired();
		}
		this.recentAuthentication.require(jwt);
		int ended = this.sessions.endOthers(caller.userId(), caller.sessionId(), this.sessions.now(),
				RevocationReason.OTHERS_ENDED);
		return new Ended(ended);
	}

	/** The user's active sessions. */
	record SessionList(List<SessionView> sessions) {
	}

	/** How many sessions were ended. */
	record Ended(int ended) {
	}

}
