package dev.warden.auth.user;

import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Creates the first administrator at start-up if no user has the configured e-mail, with
 * a temporary password unless the operator opted out. Safe with several replicas starting
 * at once: the unique e-mail index lets only one insert win. A temporary password expires
 * like any other ({@code warden.password.temporary-lifetime}, counted from creation); if
 * it expired unused, a start with the password still configured sets it again with a new
 * lifetime, so the operator is never locked out of the first administrator.
 */
@Component
class BootstrapAdmin implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

	private final BootstrapProperties properties;

	private final UserStore users;

	private final UserService service;

	BootstrapAdmin(BootstrapProperties properties, UserStore users, UserService service) {
		this.properties = properties;
		this.users = users;
		this.service = service;
	}

	@Override
	public void run(ApplicationArguments args) {
		String email = this.properties.admin().email();
		if (email == null || email.isBlank()) {
			return;
		}
		String password = this.properties.admin().password();
		boolean configured = password != null && !password.isBlank();
		Optional<User> existing = this.users.findByEmail(email);
		if (existing.isPresent()) {
			if (password != null && configured
					&& this.service.renewExpiredTemporaryPassword(existing.get().id(), password)) {
				log.warn("The temporary password of the bootstrap administrator {} expired before it was replaced: "
						+ "set again from WARDEN_BOOTSTRAP_ADMIN_PASSWORD, the first sign-in must choose a new one",
						existing.get().id());
			}
			return;
		}
		if (password == null || !configured) {
			log.warn("No administrator exists and WARDEN_BOOTSTRAP_ADMIN_PASSWORD is not set: none was created");
			return;
		}
		try {
			String name = this.properties.admin().displayName() == null ? "Administrator"
					: this.properties.admin().displayName();
			boolean mustChange = this.properties.admin().mustChangePassword();
			User admin = this.service.create(email, name, List.of(Roles.USER, Roles.ADMIN), password, mustChange,
					"system");
			log.info("Created the bootstrap administrator {} ({}){}", admin.email(), admin.id(),
					mustChange ? "; the first sign-in must choose a new password" : "");
		}
		catch (DuplicateKeyException ex) {
			log.info("The bootstrap administrator was created by another replica");
		}
	}

}
