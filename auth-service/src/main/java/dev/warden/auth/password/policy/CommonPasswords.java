package dev.warden.auth.password.policy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * The 30,000 most common passwords, as zxcvbn ships them in its jar (from leaked-password
 * corpora), compared case-insensitively. Loaded once; about 2 MB of heap.
 */
@Component
public class CommonPasswords {

	static final String RESOURCE = "/com/nulabinc/zxcvbn/matchers/dictionaries/passwords.txt";

	private final Set<String> passwords;

	CommonPasswords() {
		this.passwords = load();
	}

	public boolean contains(String password) {
		return this.passwords.contains(password.toLowerCase(Locale.ROOT));
	}

	public int size() {
		return this.passwords.size();
	}

	private static Set<String> load() {
		try (InputStream in = CommonPasswords.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException("zxcvbn's password list is missing from the class path: " + RESOURCE);
			}
			Set<String> words = new HashSet<>(40_000);
			try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
				reader.lines()
					.map(String::strip)
					.filter((line) -> !line.isEmpty())
					.forEach((line) -> words.add(line.toLowerCase(Locale.ROOT)));
			}
			return Set.copyOf(words);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
