package dev.warden.auth.user;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.jspecify.annotations.Nullable;

/**
 * The first administrator, created at first start when no user has that e-mail
 * ({@code WARDEN_BOOTSTRAP_ADMIN_EMAIL}, {@code WARDEN_BOOTSTRAP_ADMIN_PASSWORD}). There
 * is no built-in password: without one, no administrator is created and a warning says
 * how to set it. The password came through configuration (files, environment, process
 * lists), so by default it is temporary: the first sign-in must choose a new one
 * ({@code WARDEN_BOOTSTRAP_ADMIN_PASSWORDCHANGEREQUIRED=false} opts out) and it stops
 * working after {@code warden.password.temporary-lifetime} from creation if unused (a
 * restart sets it again).
 */
@ConfigurationProperties("warden.bootstrap")
public record BootstrapProperties(Admin admin) {

	public BootstrapProperties {
		admin = admin == null ? new Admin(null, null, null, null) : admin;
	}

	/**
	 * {@code warden.bootstrap.admin.*}: e-mail, password and display name of the first
	 * administrator, and whether that password must be changed at the first sign-in
	 * ({@code null}: yes).
	 */
	public record Admin(@Nullable String email, @Nullable String password, @Nullable String displayName,
			@Nullable Boolean passwordChangeRequired) {

		public boolean mustChangePassword() {
			return this.passwordChangeRequired == null || this.passwordChangeRequired;
		}
	}
}
