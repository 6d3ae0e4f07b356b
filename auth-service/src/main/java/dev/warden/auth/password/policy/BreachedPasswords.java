package dev.warden.auth.password.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.nulabinc.zxcvbn.Context;
import com.nulabinc.zxcvbn.StandardDictionaries;
import com.nulabinc.zxcvbn.matchers.Dictionary;
import com.nulabinc.zxcvbn.matchers.L33tMatcher;
import com.nulabinc.zxcvbn.matchers.Match;
import com.nulabinc.zxcvbn.matchers.ReverseDictionaryMatcher;

import org.springframework.stereotype.Component;

/**
 * Passwords known from breaches (OWASP ASVS 5.0 6.2.12): zxcvbn's {@code passwords}
 * dictionary, the most frequent passwords of public breach corpora, shipped in its jar
 * and held in memory. A password is breached if, as a whole and in any case, it is an
 * entry, an entry written backwards, or an entry with zxcvbn's look-alike substitutions
 * ("p@ssw0rd"). A local list: nothing about the password leaves the service.
 */
@Component
public class BreachedPasswords {

	private final Map<String, Integer> entries;

	/**
	 * An entry is never longer than this, so longer passwords need no look-alike search
	 * (its cost grows fast).
	 */
	private final int longest;

	private final List<com.nulabinc.zxcvbn.matchers.Matcher> disguises;

	BreachedPasswords() {
		Dictionary dictionary = load();
		this.entries = Map.copyOf(dictionary.getRankedDictionary());
		this.longest = this.entries.keySet().stream().mapToInt(String::length).max().orElse(0);
		Map<String, Map<String, Integer>> ranked = Map.of(dictionary.getName(), this.entries);
		Context context = new Context(Map.of(), Map.of());
		this.disguises = List.of(new L33tMatcher(context, ranked), new ReverseDictionaryMatcher(context, ranked));
	}

	/**
	 * Whether the password, already normalised as the policy normalises it, is a breached
	 * password, plainly or disguised.
	 */
	public boolean contains(String password) {
		if (password.isEmpty()) {
			return false;
		}
		if (this.entries.containsKey(password.toLowerCase(Locale.ROOT))) {
			return true;
		}
		if (password.length() > this.longest) {
			return false;
		}
		int last = password.length() - 1;
		for (com.nulabinc.zxcvbn.matchers.Matcher matcher : this.disguises) {
			for (Match match : matcher.execute(password)) {
				if (match.i == 0 && match.j == last) {
					return true;
				}
			}
		}
		return false;
	}

	/** How many breached passwords the list holds. */
	public int size() {
		return this.entries.size();
	}

	private static Dictionary load() {
		try {
			return StandardDictionaries.PASSWORDS_LOADER.load();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("zxcvbn's breached-password list could not be read", ex);
		}
	}

}
