package dev.warden.auth.user;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first administrator, created at first start when no user has that e-mail
 * ({@code WARDEN_BOOTSTRAP_ADMIN_EMAIL}, {@code WARDEN_BOOTSTRAP_ADMIN_PASSWORD}). There is no built-in
 * password: without one, no administrator is created and a warning says how to set it.
 */
@ConfigurationProperties("warden.bootstrap")
public record BootstrapProperties(Admin admin) {

	public BootstrapProperties {
		admin = admin == null ? new Admin(null, null, null) : admin;
	}

	/** {@code warden.bootstrap.admin.*}: e-mail, password and display name of the first administrator. */
	public record Admin(String email, String password, String displayName) {
	}
}
