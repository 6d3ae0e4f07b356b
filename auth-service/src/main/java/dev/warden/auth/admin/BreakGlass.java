package dev.warden.auth.admin;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.warden.auth.AuthApplication;
import dev.warden.auth.events.AuthEvents;
import dev.warden.auth.login.LoginAttempts;
import dev.warden.auth.password.PasswordHasher;
import dev.warden.auth.user.TemporaryPasswordProperties;
import dev.warden.auth.user.User;
import dev.warden.auth.user.UserStore;
import dev.warden.event.auth.AccountEnabled;
import dev.warden.event.auth.AccountUnlocked;
import dev.warden.event.auth.PasswordChangeRequired;
import org.apache.commons.codec.binary.Base32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * For operators who lost every administrator: {@code admin unlock EMAIL} (active again:
 * lock, disablement and failed sign-ins lifted) and {@code admin reset-password EMAIL} (a
 * new temporary password, printed once, to be replaced at the first sign-in). Run as
 * auth-service itself with its own configuration and database login, on ports of its own:
 * {@code ./run-local.sh admin …}, or {@code docker compose run --rm auth-service
 * admin …}. Each is published like an administrator's action, with the actor
 * {@code operator}, so the security log and the user's mail say what was done.
 */
@Component
public class BreakGlass {

	/** The actor of a break-glass action in events and the security log. */
	public static final String OPERATOR = "operator";

	static final String OPERATOR_NAME = "on duty (break-glass)";

	private static final String USAGE = "Usage: admin unlock EMAIL | admin reset-password EMAIL";

	private static final Logger security = LoggerFactory.getLogger("warden.security");

	private static final SecureRandom RANDOM = new SecureRandom();

	private final UserStore users;

	private final LoginAttempts attempts;

	private final PasswordHasher hasher;

	private final TemporaryPasswordProperties temporary;

	private final AuthEvents events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	BreakGlass(UserStore users, LoginAttempts attempts, PasswordHasher hasher, TemporaryPasswordProperties temporary,
			AuthEvents events, TransactionTemplate transactions, Clock clock) {
		this.users = users;
		this.attempts = attempts;
		this.hasher = hasher;
		this.temporary = temporary;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** Whether these are a break-glass command's arguments rather than a start's. */
	public static boolean isCommand(String[] args) {
		return args.length > 0 && "admin".equals(args[0]);
	}

	/**
	 * Starts auth-service without taking its ports, runs the command, stops; returns the
	 * exit status (0 done, 1 no such user, 2 usage).
	 */
	public static int runFromConsole(String[] args) {
		if (!wellFormed(List.of(args))) {
			System.out.println(USAGE);
			return 2;
		}
		SpringApplication application = new SpringApplication(AuthApplication.class);
		application.setBannerMode(Banner.Mode.OFF);
		application.setLogStartupInfo(false);
		List<String> withPorts = new ArrayList<>(List.of(args));
		// Command-line settings win over the environment: the running service keeps its
		// ports. A relay round cut short by the stop is no news: the running service
		// relays
		// what is left.
		withPorts.addAll(List.of("--server.port=0", "--management.server.port=0", "--logging.level.root=WARN",
				"--logging.level.dev.warden.support.outbox=ERROR"));
		try (ConfigurableApplicationContext context = application.run(withPorts.toArray(String[]::new))) {
			return context.getBean(BreakGlass.class).run(List.of(args), System.out);
		}
	}

	private static boolean wellFormed(List<String> args) {
		return args.size() == 3 && List.of("unlock", "reset-password").contains(args.get(1));
	}

	int run(List<String> args, PrintStream out) {
		if (!wellFormed(args)) {
			out.println(USAGE);
			return 2;
		}
		Optional<User> found = this.users.findByEmail(args.get(2));
		if (found.isEmpty()) {
			out.println("No user has the address " + args.get(2) + ".");
			return 1;
		}
		User user = found.get();
		if ("unlock".equals(args.get(1))) {
			unlock(user, out);
		}
		else {
			resetPassword(user, out);
		}
		return 0;
	}

	private void unlock(User user, PrintStream out) {
		Instant now = this.clock.instant();
		String id = user.id().toString();
		this.transactions.executeWithoutResult((tx) -> {
			if (this.users.unlock(user.id(), now)) {
				this.events.publish(id, new AccountUnlocked(user.email(), user.displayName(), user.locale(), OPERATOR));
			}
			if (this.users.enable(user.id(), now)) {
				this.events.publish(id,
						new AccountEnabled(user.email(), user.displayName(), user.locale(), OPERATOR, OPERATOR_NAME));
			}
		});
		this.attempts.reset(user.email());
		security.warn("Break-glass: user {} unlocked by the operator", id);
		out.println(user.email() + " is active: signing in works again.");
	}

	private void resetPassword(User user, PrintStream out) {
		byte[] random = new byte[15];
		RANDOM.nextBytes(random);
		// 24 characters in groups of four: 120 bits, past any policy's length and
		// strength.
		String password = new Base32().encodeToString(random).toLowerCase().replaceAll("(.{4})(?=.)", "$1-");
		String hash = this.hasher.hash(PasswordHasher.normalize(password));
		Instant now = this.clock.instant();
		Instant expires = now.plus(this.temporary.temporaryLifetime());
		this.transactions.executeWithoutResult((tx) -> {
			this.users.setTemporaryPassword(user.id(), hash, now, expires);
			this.events.publish(user.id().toString(), new PasswordChangeRequired(user.email(), user.displayName(),
					user.locale(), OPERATOR, OPERATOR_NAME));
		});
		this.attempts.reset(user.email());
		security.warn("Break-glass: a temporary password was set for user {} by the operator", user.id());
		out.println("Temporary password for " + user.email() + " (until " + expires
				+ "; the first sign-in must choose a new one):");
		out.println(password);
	}

}
