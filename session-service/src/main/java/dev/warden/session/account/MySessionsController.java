package dev.warden.session.account;

import java.util.List;
import java.util.Map;

import dev.warden.session.lifecycle.RevocationReason;
import dev.warden.session.lifecycle.SessionService;
import dev.warden.support.identity.RecentAuthentication;
import dev.warden.support.identity.WardenPrincipal;

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
class MySessionsController {

	private final SessionService sessions;

	private final RecentAuthentication recentAuthentication;

	MySessionsController(SessionService sessions, RecentAuthentication recentAuthentication) {
		this.sessions = sessions;
		this.recentAuthentication = recentAuthentication;
	}

	@GetMapping
	Map<String, List<SessionView>> list(@AuthenticationPrincipal Jwt jwt) {
		WardenPrincipal caller = WardenPrincipal.from(jwt);
		List<SessionView> views = this.sessions.list(caller.userId())
			.stream()
			.map((session) -> SessionView.of(session, caller.sessionId(), this.sessions.idleTimeout()))
			.toList();
		return Map.of("sessions", views);
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> end(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
		WardenPrincipal caller = WardenPrincipal.from(jwt);
		this.recentAuthentication.require(jwt);
		if (!this.sessions.revoke(caller.userId(), id, RevocationReason.USER)) {
			throw SessionErrors.notFound();
		}
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/end-others")
	Map<String, Integer> endOthers(@AuthenticationPrincipal Jwt jwt) {
		WardenPrincipal caller = WardenPrincipal.from(jwt);
		if (caller.sessionId() == null) {
			throw SessionErrors.sessionRequired();
		}
		this.recentAuthentication.require(jwt);
		int ended = this.sessions.endOthers(caller.userId(), caller.sessionId(), this.sessions.now(),
				RevocationReason.OTHERS_ENDED);
		return Map.of("ended", ended);
	}

}
