package dev.warden.auth.me;

import dev.warden.auth.user.CallerIds;
import dev.warden.auth.user.Locales;
import dev.warden.auth.user.UserService;
import dev.warden.support.identity.WardenPrincipal;
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
 * {@code PUT /api/me/locale}: the language the user's security e-mails are written in. {@code null} or empty
 * goes back to English; a language without translations gets English mails.
 */
@RestController
class MyPreferencesController {

	private final UserService users;

	MyPreferencesController(UserService users) {
		this.users = users;
	}

	@PutMapping("/api/me/locale")
	ResponseEntity<Void> setLocale(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody LocaleChange request) {
		this.users.changeLocale(CallerIds.userId(WardenPrincipal.from(jwt)), Locales.canonical(request.locale()));
		return ResponseEntity.noContent().build();
	}

	record LocaleChange(@Size(max = 35) @Pattern(regexp = "|" + Locales.PATTERN,
			message = "must be a language tag such as en or de-AT") String locale) {
	}
}
