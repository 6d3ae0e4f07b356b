package dev.warden.auth.me;

import io.swagger.v3.oas.annotations.media.Schema;
import dev.warden.support.apidocs.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.warden.auth.user.CallerIds;
import dev.warden.auth.user.Locales;
import dev.warden.auth.user.UserService;
import dev.warden.support.identity.WardenPrincipal;
import dev.warden.support.problem.Problems;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code PUT /api/me/locale}: the language the user's security e-mails are written in.
 * {@code null} or empty goes back to English; a language without translations gets
 * English mails.
 */
@RestController
@Tag(name = "Account", description = "The signed-in user and their preferences.")
class MyPreferencesController {

	private final UserService users;

	MyPreferencesController(UserService users) {
		this.users = users;
	}

	@PutMapping("/api/me/locale")
	@Operation(operationId = "setMyLocale",
			summary = "Choose the language of the user's security e-mails (empty or null: English)")
	@ProblemResponse(status = 403, codes = "session_required", description = "Not a signed-in session.")
	ResponseEntity<Void> setLocale(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody LocaleChange request) {
		WardenPrincipal caller = WardenPrincipal.from(jwt);
		if (caller.sessionId() == null) {
			// A security setting (it decides how the owner reads warnings): never with an
			// API token.
			throw Problems.forbidden("session_required",
					"The e-mail language can only be changed from a signed-in session.");
		}
		this.users.changeLocale(CallerIds.userId(caller), Locales.canonical(request.locale()));
		return ResponseEntity.noContent().build();
	}

	record LocaleChange(@Schema(example = "de-AT") @org.jspecify.annotations.Nullable @Size(max = 35) @Pattern(
			regexp = "|" + Locales.PATTERN, message = "must be a language tag such as en or de-AT") String locale) {
	}

}
