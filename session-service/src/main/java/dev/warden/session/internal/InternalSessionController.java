package dev.warden.session.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.warden.serviceidentity.ClientLimits;
import dev.warden.serviceidentity.session.SessionSecrets;
import dev.warden.session.lifecycle.IssuedSession;
import dev.warden.session.lifecycle.NewSession;
import dev.warden.session.lifecycle.RenewedSession;
import dev.warden.session.lifecycle.RevocationReason;
import dev.warden.session.lifecycle.SessionService;
import dev.warden.session.store.Session;
import dev.warden.support.identity.CalledBy;
import dev.warden.support.identity.InternalCallProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.jspecify.annotations.Nullable;

/**
 * Service-to-service session API (service tokens; the gateway never routes
 * {@code /internal}): auth-service creates, renews, counts and ends sessions and attaches
 * the grants it signs; the gateway introspects them, and nobody else may do either.
 * Sessions are named by the SHA-256 of their cookie value ({@code secretHash}):
 * auth-service makes the cookie value and keeps it, so this service never holds one.
 */
@RestController
@RequestMapping("/internal")
@CalledBy(InternalCallProperties.AUTH_SERVICE)
class InternalSessionController {

	/** {@link SessionSecrets#isWellFormed}: 43 base64url characters. */
	static final String SECRET_HASH = "[A-Za-z0-9_-]{" + SessionSecrets.LENGTH + "}";

	/**
	 * A compact JWS: three base64url parts (an unsigned JWT, with an empty third part, is
	 * not one).
	 */
	static final String COMPACT_JWS = "[A-Za-z0-9_-]++\\.[A-Za-z0-9_-]++\\.[A-Za-z0-9_-]++";

	/** Far above a real grant (some 600 characters), so a few roles more never matter. */
	static final int GRANT_MAX_LENGTH = 4096;

	private final SessionService sessions;

	InternalSessionController(SessionService sessions) {
		this.sessions = sessions;
	}

	@PostMapping("/sessions")
	ResponseEntity<IssuedView> create(@Valid @RequestBody CreateRequest request) {
		IssuedSession issued = this.sessions
			.create(new NewSession(request.userId(), request.roles(), request.authMethods(), request.ip(),
					request.userAgent(), Boolean.TRUE.equals(request.passwordChangeRequired()),
					Boolean.TRUE.equals(request.twoFactorSetupRequired()), request.secretHash()));
		return ResponseEntity.status(HttpStatus.CREATED).body(IssuedView.of(issued));
	}

	@PostMapping("/sessions/introspect")
	@CalledBy(InternalCallProperties.GATEWAY)
	Introspection introspect(@Valid @RequestBody IntrospectRequest request) {
		return this.sessions.introspect(request.secretHash()).map(Introspection::of).orElse(Introspection.INACTIVE);
	}

	@PostMapping("/users/{userId}/sessions/{sessionId}/renew")
	ResponseEntity<RenewedView> renew(@PathVariable @Size(max = 100) String userId,
			@PathVariable @Size(max = 100) String sessionId, @Valid @RequestBody RenewRequest request) {
		return this.sessions
			.renew(userId, sessionId, request.secretHash(), request.authMethods(),
					Boolean.TRUE.equals(request.reauthenticated()),
					new SessionService.Flags(request.passwordChangeRequired(), request.twoFactorSetupRequired()))
			.map((renewed) -> ResponseEntity.ok(RenewedView.of(renewed)))
			.orElseGet(() -> ResponseEntity.notFound().build());
	}

	@PutMapping("/users/{userId}/sessions/{sessionId}/grant")
	ResponseEntity<Void> attachGrant(@PathVariable @Size(max = 100) String userId,
			@PathVariable @Size(max = 100) String sessionId, @Valid @RequestBody GrantRequest request) {
		return this.sessions.attachGrant(userId, sessionId, request.secretHash(), request.grant())
				? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
	}

	@DeleteMapping("/users/{userId}/sessions/{sessionId}")
	ResponseEntity<Void> end(@PathVariable @Size(max = 100) String userId,
			@PathVariable @Size(max = 100) String sessionId,
			@RequestParam(defaultValue = "logout") @Pattern(regexp = "logout|admin") String reason) {
		RevocationReason why = "admin".equals(reason) ? RevocationReason.ADMIN : RevocationReason.LOGOUT;
		return this.sessions.revoke(userId, sessionId, why) ? ResponseEntity.noContent().build()
				: ResponseEntity.notFound().build();
	}

	/**
	 * How many live sessions the user has, for an administrator's view of the account.
	 */
	@GetMapping("/users/{userId}/sessions/count")
	Map<String, Integer> count(@PathVariable @Size(max = 100) String userId) {
		return Map.of("count", this.sessions.list(userId).size());
	}

	@DeleteMapping("/users/{userId}/sessions")
	Map<String, Integer> endAll(@PathVariable @Size(max = 100) String userId,
			@RequestParam(defaultValue = "admin") @Pattern(regexp = "admin|password-changed") String reason) {
		RevocationReason why = "admin".equals(reason) ? RevocationReason.ADMIN : RevocationReason.PASSWORD_CHANGED;
		return Map.of("ended", this.sessions.endOthers(userId, null, this.sessions.now().plusMillis(1), why));
	}

	record CreateRequest(@NotBlank @Size(max = 100) String userId, @NotEmpty List<@NotBlank String> roles,
			@NotEmpty List<@NotBlank String> authMethods, @Size(max = ClientLimits.MAX_ADDRESS) String ip,
			@Size(max = ClientLimits.MAX_USER_AGENT) String userAgent, Boolean passwordChangeRequired,
			Boolean twoFactorSetupRequired, @NotNull @Pattern(regexp = SECRET_HASH) String secretHash) {
	}

	/**
	 * A malformed hash is simply not a session (inactive), as an unknown one is; only
	 * junk sizes are refused.
	 */
	record IntrospectRequest(@NotBlank @Size(max = 100) String secretHash) {
	}

	/**
	 * {@code secretHash} is the new cookie value's; the others, when {@code null}, are
	 * kept as they are.
	 */
	record RenewRequest(@NotNull @Pattern(regexp = SECRET_HASH) String secretHash, List<@NotBlank String> authMethods,
			Boolean reauthenticated, Boolean passwordChangeRequired, Boolean twoFactorSetupRequired) {
	}

	/**
	 * Stored as it comes: the gateway verifies grants; here only the shape and size are
	 * checked.
	 */
	record GrantRequest(@NotNull @Pattern(regexp = SECRET_HASH) String secretHash,
			@NotNull @Size(max = GRANT_MAX_LENGTH) @Pattern(regexp = COMPACT_JWS) String grant) {
	}

	record IssuedView(String sessionId, Instant expiresAt, boolean newDevice) {

		static IssuedView of(IssuedSession issued) {
			return new IssuedView(issued.session().publicId(), issued.session().absoluteExpiresAt(),
					issued.newDevice());
		}
	}

	/**
	 * {@code grant} is the one the session held for its old cookie value, or
	 * {@code null}.
	 */
	record RenewedView(String sessionId, Instant expiresAt, boolean newDevice, @Nullable String grant) {

		static RenewedView of(RenewedSession renewed) {
			return new RenewedView(renewed.session().publicId(), renewed.session().absoluteExpiresAt(), false,
					renewed.previousGrant());
		}
	}

	/** RFC 7662-like answer: {@code active} first, the rest only for a live session. */
	record Introspection(boolean active, @Nullable String sessionId, @Nullable String userId, List<String> roles,
			List<String> authMethods, @Nullable Instant authenticatedAt, @Nullable Instant expiresAt,
			boolean passwordChangeRequired, boolean twoFactorSetupRequired, @Nullable String grant) {

		static final Introspection INACTIVE = new Introspection(false, null, null, List.of(), List.of(), null, null,
				false, false, null);

		static Introspection of(Session session) {
			return new Introspection(true, session.publicId(), session.userId(), session.roles(), session.authMethods(),
					session.authenticatedAt(), session.absoluteExpiresAt(), session.passwordChangeRequired(),
					session.twoFactorSetupRequired(), session.grant());
		}
	}

}
