package dev.warden.auth.password;

import java.util.Objects;

import java.text.Normalizer;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Hashes and checks passwords. Every password is NFKC-normalised first (NIST SP 800-63B
 * §3.1.1.2), so the same password typed on two keyboards that compose characters
 * differently matches. When no user exists, a dummy hash is checked anyway, so an unknown
 * e-mail costs the same time as a wrong password.
 * <p>
 * At most {@code warden.password.hash-slots} hashes run at once (default: one per core).
 * Each Argon2id hash holds 19 MiB and a core busy; more at once only adds memory — a
 * burst of sign-ins would otherwise take 19 MiB per request thread — and the rest wait
 * their turn.
 */
@Component
public class PasswordHasher {

	private final PasswordEncoder encoder;

	private final String dummyHash;

	private final java.util.concurrent.Semaphore slots;

	@org.springframework.beans.factory.annotation.Autowired
	PasswordHasher(PasswordEncoder encoder,
			@org.springframework.beans.factory.annotation.Value("${warden.password.hash-slots:0}") int slots) {
		this.encoder = encoder;
		this.slots = new java.util.concurrent.Semaphore(slots(slots), true);
		this.dummyHash = Objects
			.requireNonNull(encoder.encode("not a password: equalises the time of unknown e-mails"));
	}

	/** How many hashes run at once: as configured, or one per core. */
	static int slots(int configured) {
		return configured > 0 ? configured : Math.max(1, Runtime.getRuntime().availableProcessors());
	}

	public static String normalize(String password) {
		return Normalizer.normalize(password, Normalizer.Form.NFKC);
	}

	public String hash(String password) {
		return inSlot(() -> this.encoder.encode(normalize(password)));
	}

	public boolean matches(String password, String hash) {
		return password != null && hash != null && inSlot(() -> this.encoder.matches(normalize(password), hash));
	}

	/** Spends the time of one check against a hash no password matches. */
	public void matchNothing(String password) {
		inSlot(() -> this.encoder.matches(normalize(password == null ? "" : password), this.dummyHash));
	}

	private <T> T inSlot(java.util.function.Supplier<T> work) {
		this.slots.acquireUninterruptibly();
		try {
			return work.get();
		}
		finally {
			this.slots.release();
		}
	}

	/**
	 * Whether a hash was made with weaker parameters than today's and should be replaced
	 * at the next login.
	 */
	public boolean needsRehash(String hash) {
		return this.encoder.upgradeEncoding(hash);
	}

}
