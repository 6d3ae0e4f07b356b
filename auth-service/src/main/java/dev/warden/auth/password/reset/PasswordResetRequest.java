package dev.warden.auth.password.reset;

import dev.warden.support.validation.WellFormedText;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /api/auth/password-reset}: the address to send a reset code to. */
record PasswordResetRequest(
		@Schema(example = "ada@example.com") @NotBlank @Size(max = 254) @WellFormedText String email) {
}
