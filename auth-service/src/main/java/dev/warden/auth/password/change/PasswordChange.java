package dev.warden.auth.password.change;

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
public record PasswordChange(@NotNull @Size(max = 4096) @WellFormedText String currentPassword,
		@NotNull @Size(max = 4096) @WellFormedText String newPassword,
		@NotNull @Size(max = 4096) @WellFormedText String confirmPassword, @Nullable Boolean signOutOtherSessions) {

	public boolean signsOutOtherSessions() {
		return !Boolean.FALSE.equals(this.signOutOtherSessions);
	}

	@Override
	public String toString() {
		return "PasswordChange[signOutOtherSessions=" + signsOutOtherSessions() + "]";
	}
}
