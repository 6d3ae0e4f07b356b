package dev.warden.auth.password;

import java.text.Normalizer;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Hashes and checks passwords. Every password is NFKC-normalised first (NIST SP 800-63B §3.1.1.2), so the
 * same password typed on two keyboards that compose characters differently matches. When no user exists, a
 * dummy hash is checked anyway, so an unknown e-mail costs the same time as a wrong password.
 */
@Component
public class PasswordHasher {

	private final PasswordEncoder encoder;

	private final String dummyHash;

	PasswordHasher(PasswordEncoder encoder) {
		this.encoder = encoder;
		this.dummyHash = encoder.encode("not a password: equalises the time of unknown e-mails");
	}

	public static String normalize(String password) {
		return Normalizer.normalize(password, Normalizer.Form.NFKC);
	}

	public String hash(String password) {
		return this.encoder.encode(normalize(password));
	}

	public boolean matches(String password, String hash) {
		return password != null && hash != null && this.encoder.matches(normalize(password), hash);
	}

	/** Spends the time of one check against a hash no password matches. */
	public void matchNothing(String password) {
		this.encoder.matches(normalize(password == null ? "" : password), this.dummyHash);
	}

	/** Whether a hash was made with weaker parameters than today's and should be replaced at the next login. */
	public boolean needsRehash(String hash) {
		return this.encoder.upgradeEncoding(hash);
	}
}
