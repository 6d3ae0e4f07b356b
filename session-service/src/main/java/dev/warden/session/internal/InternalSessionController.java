package dev.warden.session.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.warden.session.manage.IssuedSession;
import dev.warden.session.manage.NewSession;
import dev.warden.session.manage.RevocationReason;
import dev.warden.session.manage.SessionService;
import dev.warden.session.store.Session;
import dev.warden.support.identity.CalledBy;
import dev.warden.support.identity.InternalCallProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Service-to-service session API (service tokens; the gateway never routes {@code /internal}): auth-service
 * creates, renews and ends sessions; the gateway introspects them, and nobody else may do either. Secrets travel in bodies, never in URLs, so
 * they stay out of access logs.
 */
@RestController
@RequestMapping("/internal")
@CalledBy(InternalCallProperties.AUTH_SERVICE)
class InternalSessionController {

	private final SessionService sessions;

	InternalSessionController(SessionService sessions) {
		this.sessions = sessions;
	}

	@PostMapping("/sessions")
	ResponseEntity<IssuedView> create(@Valid @RequestBody CreateRequest request) {
		IssuedSession issued = this.sessions.create(new NewSession(request.userId(), request.roles(),
				request.authMethods(), request.ip(), request.userAgent(),
				Boolean.TRUE.equals(request.passwordChangeRequired()),
				Boolean.TRUE.equals(request.twoFactorSetupRequired())));
		return ResponseEntity.status(HttpStatus.CREATED).body(IssuedView.of(issued));
	}

	@PostMapping("/sessions/introspect")
	@CalledBy(InternalCallProperties.GATEWAY)
	Introspection introspect(@Valid @RequestBody SecretRequest request) {
		return this.sessions.introspect(request.secret()).map(Introspection::of).orElse(Introspection.INACTIVE);
	}

	@PostMapping("/sessions/logout")
	ResponseEntity<Void> logout(@Valid @RequestBody SecretRequest request) {
		this.sessions.logout(request.secret());
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/sessions/renew")
	ResponseEntity<IssuedView> renew(@Valid @RequestBody RenewRequest request) {
		return this.sessions
			.renew(request.secret(), request.authMethods(), Boolean.TRUE.equals(request.reauthenticated()),
					new SessionService.Flags(request.passwordChangeRequired(), request.twoFactorSetupRequired()))
			.map((issued) -> ResponseEntity.ok(IssuedView.of(issued)))
			.orElseGet(() -> ResponseEntity.notFound().build());
	}

	@PostMapping("/users/{userId}/sessions/{sessionId}/renew")
	ResponseEntity<IssuedView> renewById(@PathVariable @Size(max = 100) String userId,
			@PathVariable @Size(max = 100) String sessionId, @Valid @RequestBody RenewByIdRequest request) {
		return this.sessions
			.renew(userId, sessionId, request.authMethods(), Boolean.TRUE.equals(request.reauthenticated()),
					new SessionService.Flags(request.passwordChangeRequired(), request.twoFactorSetupRequired()))
			.map((issued) -> ResponseEntity.ok(IssuedView.of(issued)))
			.orElseGet(() -> ResponseEntity.notFound().build());
	}

	@DeleteMapping("/users/{userId}/sessions/{sessionId}")
	ResponseEntity<Void> end(@PathVariable @Size(max = 100) String userId,
			@PathVariable @Size(max = 100) String sessionId,
			@RequestParam(defaultValue = "logout") @Pattern(regexp = "logout|admin") String reason) {
		RevocationReason why = "admin".equals(reason) ? RevocationReason.ADMIN : RevocationReason.LOGOUT;
		return this.sessions.revoke(userId, sessionId, why) ? ResponseEntity.noContent().build()
				: ResponseEntity.notFound().build();
	}

	@DeleteMapping("/users/{userId}/sessions")
	Map<String, Integer> endAll(@PathVariable @Size(max = 100) String userId,
			@RequestParam(defaultValue = "admin") @Pattern(regexp = "admin|password-changed") String reason) {
		RevocationReason why = "admin".equals(reason) ? RevocationReason.ADMIN : RevocationReason.PASSWORD_CHANGED;
		return Map.of("ended", this.sessions.endOthers(userId, null, this.sessions.now().plusMillis(1), why));
	}

	record CreateRequest(@NotBlank @Size(max = 100) String userId, @NotEmpty List<@NotBlank String> roles,
			@NotEmpty List<@NotBlank String> authMethods, @Size(max = 64) String ip,
			@Size(max = 1024) String userAgent, Boolean passwordChangeRequired, Boolean twoFactorSetupRequired) {
	}

	record SecretRequest(@NotBlank @Size(max = 100) String secret) {
	}

	record RenewRequest(@NotBlank @Size(max = 100) String secret, List<@NotBlank String> authMethods,
			Boolean reauthenticated, Boolean passwordChangeRequired, Boolean twoFactorSetupRequired) {
	}

	record RenewByIdRequest(List<@NotBlank String> authMethods, Boolean reauthenticated,
			Boolean passwordChangeRequired, Boolean twoFactorSetupRequired) {
	}

	/** The new secret (the cookie value) goes to auth-service once, to be set on the browser. */
	record IssuedView(String secret, String sessionId, Instant expiresAt, boolean newDevice) {

		static IssuedView of(IssuedSession issued) {
			return new IssuedView(issued.secret(), issued.session().publicId(), issued.session().absoluteExpiresAt(),
					issued.newDevice());
		}
	}

	/** RFC 7662-like answer: {@code active} first, the rest only for a live session. */
	record Introspection(boolean active, String sessionId, String userId, List<String> roles,
			List<String> authMethods, Instant authenticatedAt, Instant expiresAt, boolean passwordChangeRequired,
			boolean twoFactorSetupRequired) {

		static final Introspection INACTIVE = new Introspection(false, null, null, List.of(), List.of(), null, null,
				false, false);

		static Introspection of(Session session) {
			return new Introspection(true, session.publicId(), session.userId(), session.roles(),
					session.authMethods(), session.authenticatedAt(), session.absoluteExpiresAt(),
					session.passwordChangeRequired(), session.twoFactorSetupRequired());
		}
	}
}
