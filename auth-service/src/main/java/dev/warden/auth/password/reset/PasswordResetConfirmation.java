package dev.warden.auth.password.reset;

import dev.warden.support.validation.WellFormedText;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/auth/password-reset/confirm}: the code from the mail, the new password
 * twice, and, for a user with two-factor on, a code from the authenticator app or a
 * recovery code.
 */
record PasswordResetConfirmation(
		@Schema(example = "K7QF-M2XA-PL4R-6TZC-W3NB-HD6E") @NotBlank @Size(max = 64) @WellFormedText String code,
		@Schema(example = "amber 7f3c lighthouse orbit") @NotNull @Size(max = 4096) @WellFormedText String newPassword,
		@Schema(example = "amber 7f3c lighthouse orbit") @NotNull @Size(
				max = 4096) @WellFormedText String confirmPassword,
		@Schema(example = "492039",
				description = "For a user with two-factor on: a code from the authenticator app or a recovery code.") @Nullable @Size(
						max = 32) @WellFormedText String secondFactor,
		@Schema(description = "Or, for a user with a passkey: its answer (AuthenticationResponseJSON) to the options of "
				+ "POST /api/auth/passkey/options") @Nullable JsonNode passkey) {

	@Override
	public String toString() {
		return "PasswordResetConfirmation[]";
	}

}
