package dev.warden.auth.password.change;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;
import dev.warden.support.validation.WellFormedText;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The "Change password" form. Lengths here only stop absurd bodies; the policy sets the
 * real limits.
 *
 * @param signOutOtherSessions whether to end the other sessions (default true)
 */
public record PasswordChange(
		@Schema(example = "correct horse battery staple") @NotNull @Size(
				max = 4096) @WellFormedText String currentPassword,
		@Schema(example = "amber 7f3c lighthouse orbit") @NotNull @Size(max = 4096) @WellFormedText String newPassword,
		@Schema(example = "amber 7f3c lighthouse orbit") @NotNull @Size(
				max = 4096) @WellFormedText String confirmPassword,
		@Schema(example = "true",
				description = "End every other session (default true).") @Nullable Boolean signOutOtherSessions) {

	public boolean signsOutOtherSessions() {
		return !Boolean.FALSE.equals(this.signOutOtherSessions);
	}

	@Override
	public String toString() {
		return "PasswordChange[signOutOtherSessions=" + signsOutOtherSessions() + "]";
	}
}
